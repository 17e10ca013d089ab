import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { emails, users } from "@/db/schema";
import { requestPasswordReset, sendInvitation } from "@/lib/account/one-time-codes";
import { defaultTenant } from "@/lib/bootstrap";
import { setSetting } from "@/lib/settings/settings";
import { makeUser } from "@/test/factories";
import { openBody } from "./sealed";
import { renderMail } from "./templates";

const lastMailTo = async (to: string) => {
  const [row] = await db.select().from(emails).where(eq(emails.to, to)).orderBy(desc(emails.createdAt)).limit(1);
  return { subject: row!.subject, ...openBody(row!) };
};

describe("mail in the recipient's language", () => {
  it("a user who chose German gets the reset mail in German, with the code and link", async () => {
    const user = await makeUser();
    await setSetting(user.id, "language", "de");
    await requestPasswordReset(user.email, { ip: "10.0.0.1" });
    const mail = await lastMailTo(user.email);
    expect(mail.subject).toBe("Passwort zurücksetzen");
    expect(mail.text).toContain(`das Passwort von ${user.email} zurückzusetzen`);
    const code = /Code: (\S+)/.exec(mail.text)![1]!;
    expect(mail.links).toEqual([{ label: "Passwort zurücksetzen", url: expect.stringContaining(`/reset-password?code=${encodeURIComponent(code)}`) }]);
  });

  it("without a setting, the first profile language we have decides; none gives English", async () => {
    const french = await makeUser();
    await db.update(users).set({ preferredLanguages: ["es", "fr-CA", "de"] }).where(eq(users.id, french.id));
    await sendInvitation(french.id, (await defaultTenant())!.id, "Ada Admin");
    const invite = await lastMailTo(french.email);
    expect(invite.subject).toBe("Vous êtes invité");
    expect(invite.text).toMatch(/^Ada Admin vous a invité à vous connecter en tant que /);

    const plain = await makeUser();
    await sendInvitation(plain.id, (await defaultTenant())!.id);
    expect((await lastMailTo(plain.email)).text).toMatch(/^You were invited to sign in as /);
  });

  it("a language setting we have no translation for falls back to English", async () => {
    const user = await makeUser();
    await setSetting(user.id, "language", "nl");
    await requestPasswordReset(user.email, { ip: "10.0.0.2" });
    expect((await lastMailTo(user.email)).subject).toBe("Reset your password");
  });

  it("renders every template in every language without leaving a placeholder", () => {
    const values = { email: "a@example.test", code: "c0de", invitedBy: "Ada", tenant: "Acme", newEmail: "n@example.test", oldEmail: "o@example.test" };
    for (const locale of ["en", "de", "fr"] as const)
      for (const template of ["reset", "invitation", "tenantInvitation", "registrationConfirmation", "registrationAttempt", "passwordChanged", "emailChangedOld", "emailChangedNew", "accountCreated"] as const) {
        const mail = renderMail(template, locale, values);
        expect(`${mail.subject}${mail.text}${mail.links.map((l) => l.label).join("")}`, `${locale} ${template}`).not.toMatch(/[{}]/);
      }
  });
});
