import { describe, expect, it, vi } from "vitest";
import { codeParam } from "@/lib/account/code-param";

// /reset-password?code=a&code=b used to crash the page (the array reached `code.trim()`).

vi.mock("@/components/auth/code-page", () => ({ CodePage: () => null }));
const { default: ResetPasswordPage } = await import("@/app/(auth)/reset-password/page");
const { default: InvitePage } = await import("@/app/(auth)/invite/page");

describe("codeParam", () => {
  it("keeps a single string, cut to 200 characters, and drops a repeated key", () => {
    expect(codeParam("abc")).toBe("abc");
    expect(codeParam("x".repeat(500))).toHaveLength(200);
    expect(codeParam(["a", "b"])).toBeUndefined();
    expect(codeParam(undefined)).toBeUndefined();
  });
});

describe("the link pages", () => {
  it("hand the code page a string or nothing, never an array", async () => {
    for (const Page of [ResetPasswordPage, InvitePage]) {
      const repeated = await Page({ searchParams: Promise.resolve({ code: ["a", "b"] }) });
      expect(repeated.props.code).toBeUndefined();
      const single = await Page({ searchParams: Promise.resolve({ code: "abc" }) });
      expect(single.props.code).toBe("abc");
    }
  });
});
