import { z } from "zod";
import type { DocumentedOperation, DocumentedSurface } from "./types";

/*
 * Transcribed from the IamBackoffice document (seeds/000, TypeScript client) and the models of its
 * go client's api/openapi.yaml as seed-apis.md §1 lists them. proto3 JSON: every field may be
 * omitted; int32 are numbers, int64 are strings of digits; names are lowerCamelCase.
 */
const int64 = z.string().regex(/^-?\d+$/, "int64 must be a string of digits");
const int32 = z.int32();
/** protobuf Any: an object with an optional "@type" and any other members. */
const ProtobufAny = z.object({ "@type": z.string().optional() }).catchall(z.unknown());

const TwoFactorMethod = z.strictObject({
  id: z.string().optional(),
  method: z.string().optional(),
  authenticator: z.strictObject({ algorithm: z.string().optional(), codeLength: int32.optional(), timeStep: int32.optional() }).optional(),
  email: z.string().optional(),
  mobilePhone: z.string().optional(),
  secret: z.string().optional(),
});

const UserRegistration = z.strictObject({
  tenantId: z.string().optional(),
  data: z.record(z.string(), z.string()).optional(),
  preferredLanguages: z.array(z.string()).optional(),
  roles: z.array(z.string()).optional(),
  timezone: z.string().optional(),
});

const User = z.strictObject({
  id: z.string().optional(),
  email: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  firstName: z.string().optional(),
  middleName: z.string().optional(),
  lastName: z.string().optional(),
  fullName: z.string().optional(),
  birthDate: z.string().optional(),
  imageUrl: z.string().optional(),
  mobilePhone: z.string().optional(),
  timezone: z.string().optional(),
  preferredLanguages: z.array(z.string()).optional(),
  data: z.record(z.string(), z.string()).optional(),
  active: z.boolean().optional(),
  verified: z.boolean().optional(),
  passwordChangeRequired: z.boolean().optional(),
  insertInstant: int64.optional(),
  lastLoginInstant: int64.optional(),
  lastUpdateInstant: int64.optional(),
  passwordLastUpdateInstant: int64.optional(),
  registrations: z.array(UserRegistration).optional(),
  twoFactor: z.strictObject({ methods: z.array(TwoFactorMethod).optional(), recoveryCodes: z.array(z.string()).optional() }).optional(),
});

const LoginResponse = z.strictObject({
  tokens: ProtobufAny.optional(),
  user: User.optional(),
  methods: z.array(TwoFactorMethod).optional(),
  twoFactorId: z.string().optional(),
  tenantId: z.string().optional(),
});

const RolesResponse = z.strictObject({ roleCodes: z.array(z.string()).optional() });
const SuccessResponse = z.strictObject({ success: z.boolean().optional() });
const Group = z.strictObject({ id: z.string().optional() });

const RpcStatus = z.strictObject({ code: int32.optional(), message: z.string().optional(), details: z.array(ProtobufAny).optional() });

const BASE = "/api/iambackoffice.IamBackoffice";
const op = (method: string, model: z.ZodType): DocumentedOperation => ({ name: `IamBackoffice ${method}`, method: "POST", path: `${BASE}/${method}`, success: { 200: model } });

export const iamBackoffice: DocumentedSurface = {
  name: "IamBackoffice",
  prefix: `${BASE}/`,
  operations: [
    op("AssignRoles", RolesResponse),
    op("UnassignRoles", RolesResponse),
    // Return type `any`; its model AssignUserToGroupResponse has no fields.
    op("AssignUserToGroup", z.strictObject({})),
    op("CreateGroup", z.strictObject({ group: Group.optional() })),
    op("SearchGroups", z.strictObject({ groups: z.array(Group).optional() })),
    op("GetUser", z.strictObject({ user: User.optional() })),
    op("Login", LoginResponse),
    op("LoginMfa", LoginResponse),
    op("Logout", SuccessResponse),
    op("Register", z.strictObject({ tokens: ProtobufAny.optional(), registration: UserRegistration.optional(), user: User.optional() })),
    op("GenerateSecretForQR", z.strictObject({ secret: z.string().optional() })),
    op("EnableUserMfa", SuccessResponse),
    op("DisableUserMfa", SuccessResponse),
  ],
  // "0: An unexpected error response" (default) is RpcStatus for every status.
  error: () => RpcStatus,
};
