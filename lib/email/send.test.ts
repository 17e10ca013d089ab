import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { emails } from "@/db/schema";
import { env } from "@/lib/env";
import { callerOf, makeUser, uniqueEmail } from "@/test/factories";
import { requestPasswordReset } from "@/lib/account/one-time-codes";
import { listOutbox } from "./outbox";
import { openBody, sealPlainMail } from "./sealed";
import { sendMail } from "./send";

const delivered = vi.fn(async () => ({}));
vi.mock("nodemailer", () => {
  const createTransport = () => ({ sendMail: delivered });
  return { createTransport, default: { createTransport } };
});

const rowFor = (to: string) => db.select().from(emails).where(eq(emails.to, to)).get()!;
const mail = (to: string) => ({ to, subject: "Reset your password", text: "Code: s3cret-code", links: [{ label: "Reset password", url: "http://x/reset?code=s3cret-code" }] });

describe("sendMail", () => {
  afterEach(() => {
    env.SMTP_URL = undefined;
  });

  it("without SMTP keeps the message sealed: the row holds no code, the outbox shows text and links", async () => {
    const to = uniqueEmail("outbox");
    await sendMail(mail(to));
    const row = rowFor(to);
    expect(row.status).toBe("stored");
    expect(JSON.stringify(row)).not.toContain("s3cret-code");
    const root = await makeUser({ superAdmin: true });
    const shown = listOutbox(callerOf(root), { q: to, page: 1, pageSize: 10 }).rows;
    expect(shown).toMatchObject([{ to, text: "Code: s3cret-code", links: [{ label: "Reset password", url: "http://x/reset?code=s3cret-code" }] }]);
  });

  it("a failed SMTP delivery is kept sealed too", async () => {
    env.SMTP_URL = "smtp://localhost:2525";
    delivered.mockRejectedValueOnce(new Error("connection refused"));
    const to = uniqueEmail("failed");
    await sendMail(mail(to));
    const row = rowFor(to);
    expect(row.status).toBe("failed");
    expect(JSON.stringify(row)).not.toContain("s3cret-code");
    expect(openBody(row).text).toBe("Code: s3cret-code");
  });

  it("rows stored in plain text before sealing still read, and are sealed at start", async () => {
    const to = uniqueEmail("legacy");
    db.insert(emails).values({ to, subject: "Reset your password", text: "Code: old-code", links: [{ label: "Reset password", url: "http://x/?code=old-code" }], status: "stored" }).run();
    expect(openBody(rowFor(to))).toEqual({ text: "Code: old-code", links: [{ label: "Reset password", url: "http://x/?code=old-code" }] });
    expect(sealPlainMail()).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(rowFor(to))).not.toContain("old-code");
    expect(openBody(rowFor(to)).links[0]!.url).toBe("http://x/?code=old-code");
    expect(sealPlainMail()).toBe(0);
  });

  it("after SMTP delivery keeps no text or links", async () => {
    env.SMTP_URL = "smtp://localhost:2525";
    const to = uniqueEmail("smtp");
    await sendMail(mail(to));
    expect(delivered).toHaveBeenCalledWith(expect.objectContaining({ to, text: expect.stringContaining("s3cret-code") }));
    const row = rowFor(to);
    expect(row.status).toBe("sent");
    expect(row.links).toEqual([]);
    expect(row.text).not.toContain("s3cret-code");
  });
});

describe("forgot password", () => {
  it("answers without waiting for the SMTP server, registered address or not", async () => {
    env.SMTP_URL = "smtp://localhost:2525";
    const user = await makeUser();
    let release = () => {};
    delivered.mockImplementationOnce(() => new Promise((resolve) => (release = () => resolve({}))));
    const answer = await Promise.race([requestPasswordReset(user.email, { ip: "4.4.4.4" }), new Promise((r) => setTimeout(() => r("waited"), 1000))]);
    expect(answer).toHaveProperty("expiresAt");
    release();
    env.SMTP_URL = undefined;
  });
});

describe("outbox", () => {
  it("is for super admins only, even for a tenant admin", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const root = await makeUser({ superAdmin: true });
    expect(() => listOutbox(callerOf(admin), { page: 1, pageSize: 10 })).toThrow(/super administrator/);
    expect(listOutbox(callerOf(root), { page: 1, pageSize: 10 }).total).toBeGreaterThanOrEqual(0);
  });
});
