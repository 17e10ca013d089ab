import { describe, expect, it } from "vitest";
import { auditCsv } from "@/lib/audit/export";
import { auditQuerySchema, listAudit } from "@/lib/audit/query";
import { isCalendarDate } from "@/lib/input/schemas";
import { usersCsv } from "@/lib/users/export";
import { cursorOf, listUsers, userQuerySchema } from "@/lib/users/list";
import { callerOf, makeUser } from "@/test/factories";

// Impossible dates and ill-typed cursors in the audit and users URLs fall back like every other
// bad URL value (filter off, first page). They used to become Invalid Dates, which Drizzle's
// PostgreSQL encoder throws on while building the query: a 500 in the export routes and actions.

describe("isCalendarDate", () => {
  it("accepts real days only", () => {
    for (const d of ["2024-02-29", "2000-02-29", "2023-12-31", "1999-01-01"]) expect(isCalendarDate(d)).toBe(true);
    for (const d of ["2024-13-01", "2024-00-10", "2024-02-30", "2023-02-29", "1900-02-29", "2024-04-31", "2024-01-00", "2024-1-01", "x"]) expect(isCalendarDate(d)).toBe(false);
  });
});

describe("date filters", () => {
  it("drop an impossible date instead of failing the audit list, its export and the users export", async () => {
    const admin = callerOf(await makeUser({ roles: ["admin"] }), undefined, { isSuperAdmin: true });
    for (const bad of ["2024-13-01", "2024-02-30"]) {
      const q = auditQuerySchema.parse({ from: bad, to: bad });
      expect(q).toMatchObject({ from: undefined, to: undefined });
      await expect(listAudit(admin, q)).resolves.toBeDefined();
      await expect(auditCsv(admin, q)).resolves.toBeDefined();
      const uq = userQuerySchema.parse({ loginFrom: bad, loginTo: bad });
      expect(uq).toMatchObject({ loginFrom: undefined, loginTo: undefined });
      const lines: string[] = [];
      for await (const line of usersCsv(admin, uq)) lines.push(line);
      expect(lines.length).toBeGreaterThan(1);
    }
    expect(auditQuerySchema.parse({ from: "2024-02-29" }).from).toBe("2024-02-29");
  });
});

describe("users cursor", () => {
  it("treats a cursor whose value does not fit the sort as no cursor (the first page)", async () => {
    const admin = callerOf(await makeUser({ roles: ["admin"] }));
    await makeUser();
    const first = await listUsers(admin, userQuerySchema.parse({ sort: "lastLogin" }));
    for (const [sort, value] of [["lastLogin", "yesterday"], ["created", 1e300], ["created", true], ["status", "yes"], ["email", 5]] as const) {
      const page = await listUsers(admin, userQuerySchema.parse({ sort, after: cursorOf(value, "00000000-0000-4000-8000-000000000000") }));
      expect(page.rows.length).toBeGreaterThan(0);
      if (sort === "lastLogin") expect(page.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    }
  });
});
