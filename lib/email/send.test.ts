import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { emails } from "@/db/schema";
import { env } from "@/lib/env";
import { callerOf, makeUser, uniqueEmail } from "@/test/factories";
import { requestPasswordReset } from "@/lib/account/one-time-codes";
import { listOutbox } from "./outbox";
import { sendDueMail } from "./queue";
import { openBody, sealPlainMail } from "./sealed";
import { sendMail } from "./send";

const delivered = vi.fn(async () => ({}));
vi.mock("nodemailer", () => {
  const createTransport = () => ({ sendMail: delivered });
  return { createTransport, default: { createTransport } };
});

const rowFor = async (to: string) => (await db.select().from(emails).where(eq(emails.to, to)).limit(1))[0]!;
const mail = (to: string) => ({ to, subject: "Reset your password", text: "Code: s3cret-code", links: [{ label: "Reset password", url: "http://x/reset?code=s3cret-code" }] });

describe("sendMail", () => {
  afterEach(() => {
    env.SMTP_URL = undefined;
  });

  it("without SMTP keeps the message sealed: the row holds no code, the outbox shows text and links", async () => {
    const to = uniqueEmail("outbox");
    await sendMail(mail(to));
    const row = await rowFor(to);
    expect(row.status).toBe("stored");
    expect(JSON.stringify(row)).not.toContain("s3cret-code");
    const root = await makeUser({ superAdmin: true });
    const shown = (await listOutbox(callerOf(root), { q: to, page: 1, pageSize: 10 })).rows;
    expect(shown).toMatchObject([{ to, text: "Code: s3cret-code", links: [{ label: "Reset password", url: "http://x/reset?code=s3cret-code" }] }]);
  });

  it("with SMTP the request only queues the message (sealed); a failed delivery is retried later, then given up", async () => {
    env.SMTP_URL = "smtp://localhost:2525";
    delivered.mockRejectedValue(new Error("connection refused"));
    const to = uniqueEmail("failed");
    await sendMail(mail(to));
    expect((await rowFor(to)).status).toBe("queued");
    await sendDueMail();
    let row = await rowFor(to);
    expect(row).toMatchObject({ status: "queued", attempts: 1, error: "connection refused", leaseUntil: null });
    expect(row.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(JSON.stringify(row)).not.toContain("s3cret-code");
    // Not due yet: nothing is tried.
    await sendDueMail();
    expect((await rowFor(to)).attempts).toBe(1);
    // The last attempt fails: the message is kept, sealed, as failed.
    await db.update(emails).set({ attempts: 6, nextAttemptAt: new Date() }).where(eq(emails.id, row.id));
    await sendDueMail();
    row = await rowFor(to);
    expect(row).toMatchObject({ status: "failed", attempts: 7 });
    expect(openBody(row).text).toBe("Code: s3cret-code");
    delivered.mockReset();
    delivered.mockImplementation(async () => ({}));
  });

  it("a message another worker holds is not sent twice; its lease lapsing hands it over", async () => {
    env.SMTP_URL = "smtp://localhost:2525";
    const to = uniqueEmail("leased");
    await sendMail(mail(to));
    const { id } = await rowFor(to);
    await db.update(emails).set({ leaseUntil: new Date(Date.now() + 60_000) }).where(eq(emails.id, id));
    delivered.mockClear();
    await sendDueMail();
    expect(delivered).not.toHaveBeenCalledWith(expect.objectContaining({ to }));
    await db.update(emails).set({ leaseUntil: new Date(Date.now() - 1) }).where(eq(emails.id, id));
    await sendDueMail();
    expect(delivered).toHaveBeenCalledTimes(1);
    expect((await rowFor(to)).status).toBe("sent");
  });

  it("rows stored in plain text before sealing still read, and are sealed at start", async () => {
    const to = uniqueEmail("legacy");
    await db.insert(emails).values({ to, subject: "Reset your password", text: "Code: old-code", links: [{ label: "Reset password", url: "http://x/?code=old-code" }], status: "stored" });
    expect(openBody(await rowFor(to))).toEqual({ text: "Code: old-code", links: [{ label: "Reset password", url: "http://x/?code=old-code" }] });
    expect(await sealPlainMail()).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(await rowFor(to))).not.toContain("old-code");
    expect(openBody(await rowFor(to)).links[0]!.url).toBe("http://x/?code=old-code");
    expect(await sealPlainMail()).toBe(0);
  });

  it("after SMTP delivery keeps no text or links", async () => {
    env.SMTP_URL = "smtp://localhost:2525";
    const to = uniqueEmail("smtp");
    await sendMail(mail(to));
    await sendDueMail();
    expect(delivered).toHaveBeenCalledWith(expect.objectContaining({ to, text: expect.stringContaining("s3cret-code") }));
    const row = await rowFor(to);
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
    await expect(listOutbox(callerOf(admin), { page: 1, pageSize: 10 })).rejects.toThrow(/super administrator/);
    expect((await listOutbox(callerOf(root), { page: 1, pageSize: 10 })).total).toBeGreaterThanOrEqual(0);
  });
});
