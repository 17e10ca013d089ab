import { z } from "zod";
import type { OpSpec } from "@/app/api/_shared/surface";
import { requirePermission } from "@/lib/authz/caller";
import { notFound, validation } from "@/lib/errors";
import { createUser } from "@/lib/users/create";
import { optionalImageUrl } from "@/lib/users/image-url";
import { findUserByEmail, findUserById, findUserByUsername } from "@/lib/users/records";
import { selfRegister } from "@/lib/users/register";
import { userInScope } from "@/lib/users/scope";
import { BASE, iam } from "../_shared/rpc";
import { toIamUser, User, UserRegistration } from "../_shared/user";
import { emailAddress, LOGIN_ID_MAX, nameList } from "@/lib/input/schemas";

const GetUserRequest = z.object({
  tenantId: z.string().optional(),
  userId: z.string().optional(),
  email: z.string().max(LOGIN_ID_MAX, `email must be at most ${LOGIN_ID_MAX} characters`).optional(),
  username: z.string().max(LOGIN_ID_MAX, `username must be at most ${LOGIN_ID_MAX} characters`).optional(),
});
const GetUserResponse = z.object({ user: User });

export const GetUser: OpSpec<typeof GetUserRequest, z.ZodType, z.ZodType, typeof GetUserResponse> = {
  surface: iam,
  method: "POST",
  path: `${BASE}/GetUser`,
  operationId: "IamBackoffice_GetUser",
  summary: "Look a user up by id, email or username (in that order of precedence)",
  tag: "IamBackoffice",
  auth: "required",
  body: GetUserRequest,
  response: GetUserResponse,
  async run({ body, caller }) {
    const c = caller!;
    if (!body.userId && !body.email && !body.username) throw validation("one of userId, email or username is required", "userId");
    const found = body.userId ? await findUserById(body.userId) : body.email ? await findUserByEmail(body.email) : await findUserByUsername(body.username!);
    if (!found) throw notFound("User not found");
    const user = await userInScope(c, found.id);
    if (user.id !== c.userId) await requirePermission(c, "User", "Read");
    return { user: await toIamUser(user, c.isSuperAdmin ? undefined : [c.tenantId]) };
  },
};

const RegisterUser = z.object({
  email: emailAddress("user.email must be an email address", "user.email must be at most 254 characters"),
  username: z.string().min(1).max(100).optional(),
  password: z.string().min(1).max(256).optional(),
  firstName: z.string().max(100).optional(),
  middleName: z.string().max(100).optional(),
  lastName: z.string().max(100).optional(),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "birthDate must be YYYY-MM-DD").optional(),
  imageUrl: optionalImageUrl,
  mobilePhone: z.string().max(40).optional(),
  timezone: z.string().max(64).optional(),
  preferredLanguages: z.array(z.string()).optional(),
  data: z.record(z.string(), z.string()).optional(),
  active: z.boolean().optional(),
  passwordChangeRequired: z.boolean().optional(),
}).catchall(z.unknown());

const RegisterRequest = z.object({
  tenantId: z.string().optional(),
  registration: UserRegistration.extend({ roles: nameList(z.string(), "registration.roles").optional() }).optional(),
  sendSetPasswordEmail: z.boolean().optional(),
  skipRegistrationVerification: z.boolean().optional(),
  skipVerification: z.boolean().optional(),
  user: RegisterUser,
});
const RegisterResponse = z.object({
  tokens: z.object({ token: z.string(), refreshToken: z.string() }).optional(),
  registration: UserRegistration,
  user: User,
});

/**
 * With an admin token: an admin registration (roles allowed; without a password, or with
 * sendSetPasswordEmail, the user gets a set-password email). Without a token: self-registration
 * where the tenant allows it, default role only, answered without tokens (documented difference):
 * the account starts once the emailed link is confirmed, and a taken address answers the same.
 */
export const Register: OpSpec<typeof RegisterRequest, z.ZodType, z.ZodType, typeof RegisterResponse> = {
  surface: iam,
  method: "POST",
  path: `${BASE}/Register`,
  operationId: "IamBackoffice_Register",
  summary: "Create a user with a tenant registration (admin token, or self-registration where allowed)",
  tag: "IamBackoffice",
  auth: "optional",
  body: RegisterRequest,
  response: RegisterResponse,
  async run({ body, caller, ip }) {
    const tenantId = body.registration?.tenantId || body.tenantId || caller?.tenantId;
    if (!tenantId) throw validation("tenantId is required", "tenantId");
    const u = body.user;
    const fields = {
      email: u.email,
      username: u.username,
      firstName: u.firstName ?? "",
      middleName: u.middleName ?? "",
      lastName: u.lastName ?? "",
      birthDate: u.birthDate,
      imageUrl: u.imageUrl,
      mobilePhone: u.mobilePhone,
      timezone: body.registration?.timezone ?? u.timezone ?? "UTC",
      preferredLanguages: body.registration?.preferredLanguages ?? u.preferredLanguages ?? [],
      data: u.data ?? {},
    };
    if (caller) {
      const created = await createUser(caller, {
        ...fields,
        tenantId,
        password: body.sendSetPasswordEmail ? undefined : u.password,
        passwordChangeRequired: u.passwordChangeRequired ?? false,
        sendInvitation: true,
        roles: body.registration?.roles ?? [],
        membershipData: body.registration?.data ?? {},
        active: u.active ?? true,
        verified: !!body.skipVerification,
        imageUrl: u.imageUrl || undefined,
      });
      // The answer is what createUser returned, never the stored row read back: an address with an
      // account elsewhere is answered as a new account would be (no MFA methods of its own either).
      const iamUser = { ...(await toIamUser(created, [tenantId])), twoFactor: { methods: [], recoveryCodes: [] } };
      return { user: iamUser, registration: iamUser.registrations[0]! };
    }
    const { user, registration } = await selfRegister({ tenantId, user: { ...fields, password: u.password }, data: body.registration?.data }, { ip });
    // Built from the registration, not read back: a taken address has no row to read (see selfRegister).
    return { user: { ...(await toIamUser(user, [])), registrations: [registration] }, registration };
  },
};
