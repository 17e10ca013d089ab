import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import type { Caller } from "@/lib/authz/caller";
import { notFound } from "@/lib/errors";
import { fullNameOf } from "@/lib/users/records";

const timezones = new Set(Intl.supportedValuesOf("timeZone").concat("UTC"));

export const profileSchema = z.object({
  firstName: z.string().trim().max(100, "First name is at most 100 characters"),
  middleName: z.string().trim().max(100).default(""),
  lastName: z.string().trim().max(100, "Last name is at most 100 characters"),
  timezone: z.string().refine((tz) => timezones.has(tz), "Choose a time zone from the list"),
  preferredLanguages: z
    .array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "Languages are codes such as en or pt-BR"))
    .max(10, "At most 10 languages"),
});
export type ProfileInput = z.infer<typeof profileSchema>;

export async function getProfile(caller: Caller) {
  const [user] = await db.select().from(users).where(eq(users.id, caller.userId));
  if (!user) throw notFound();
  return user;
}

/** The signed-in user's own names, time zone and languages (also mirrored on the membership). */
export async function updateProfile(caller: Caller, input: ProfileInput) {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ ...input, fullName: fullNameOf(input), changedBy: caller.userId })
      .where(eq(users.id, caller.userId));
    await tx
      .update(memberships)
      .set({ timezone: input.timezone, preferredLanguages: input.preferredLanguages })
      .where(and(eq(memberships.userId, caller.userId), eq(memberships.tenantId, caller.tenantId)));
    await audit({ tenantId: caller.tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "profile.updated", targetType: "user", targetId: caller.userId, targetLabel: caller.email }, tx);
  });
}
