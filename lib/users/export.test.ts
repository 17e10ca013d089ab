import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { tenants } from "@/db/schema";
import { csvCell } from "@/lib/csv/cell";
import { callerOf, makeTenant, makeUser } from "@/test/factories";
import { usersCsv } from "./export";
import { userQuerySchema } from "./list";
import { ensureMembership, insertUser } from "./records";
import { selfRegister } from "./register";

const collect = async (lines: AsyncIterable<string>) => {
  let out = "";
  for await (const chunk of lines) out += chunk;
  return out;
};

describe("users CSV export", () => {
  it("streams every matching user of the tenant across batches, once each, in email order", async () => {
    const tenant = await makeTenant();
    const admin = await makeUser({ roles: ["admin"], tenantId: tenant.id });
    const tag = `csv${Date.now()}`;
    await db.transaction(async (tx) => {
      for (let i = 0; i < 2_100; i++) {
        const u = await insertUser(tx, { email: `${tag}-${String(i).padStart(4, "0")}@example.test`, passwordHash: "x", firstName: "=cmd()", lastName: "" });
        await ensureMembership(tx, u.id, tenant.id);
      }
    });
    const outsider = await makeUser({ email: `${tag}-outsider@example.test` });
    const csv = await collect(usersCsv(callerOf(admin, tenant.id), userQuerySchema.parse({ q: tag })));
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("id,email,first_name,last_name,username,status,mfa,last_sign_in,created");
    const emails = lines.slice(1).map((l) => l.split(",")[1]);
    expect(emails).toHaveLength(2_100);
    expect(new Set(emails).size).toBe(2_100);
    expect(emails[0]).toBe(`"${tag}-0000@example.test"`);
    expect(emails.at(-1)).toBe(`"${tag}-2099@example.test"`);
    expect(csv).not.toContain(outsider.email);
    expect(lines[1]).toContain(`"'=cmd()"`);
  });

  it("needs User/Read", async () => {
    const member = await makeUser();
    await expect(collect(usersCsv(callerOf(member), userQuerySchema.parse({})))).rejects.toThrow(/permission/);
  });

  it("quotes cells and neutralises formulas", () => {
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvCell(null)).toBe('""');
    // Leading whitespace before a formula (OWASP: tab and carriage return; line feed alike).
    expect(csvCell("\t=cmd()")).toBe(`"'\t=cmd()"`);
    expect(csvCell("\r=cmd()")).toBe(`"'\r=cmd()"`);
    expect(csvCell("\n+cmd()")).toBe(`"'\n+cmd()"`);
    expect(csvCell("Ada\t=x")).toBe('"Ada\t=x"');
  });

  it("neutralises a tab-led formula a stranger put in their name by self-registration", async () => {
    const tenant = await makeTenant();
    await db.update(tenants).set({ allowSelfRegistration: true }).where(eq(tenants.id, tenant.id));
    const admin = await makeUser({ roles: ["admin"], tenantId: tenant.id });
    const email = `tabcsv${Date.now()}@example.test`;
    // The IamBackoffice Register schema takes names as given (no trim).
    await selfRegister({ tenantId: tenant.id, user: { email, password: "a long enough passphrase 42", firstName: '\t=HYPERLINK("https://evil.test","x")', lastName: "" } }, { ip: "203.0.113.9" });
    const csv = await collect(usersCsv(callerOf(admin, tenant.id), userQuerySchema.parse({ q: "tabcsv" })));
    const row = csv.trim().split("\n").find((l) => l.includes(email))!;
    expect(row).toContain(`"'\t=HYPERLINK(""https://evil.test"",""x"")"`);
  });
});
