import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

const BASE = "https://iam.example.test";
const parse = (v: unknown) => safeCallbackUrl(v, BASE);

describe("safeCallbackUrl", () => {
  it("keeps same-origin paths with their query and fragment", () => {
    expect(parse("/admin/users?q=ada&page=2#top")).toBe("/admin/users?q=ada&page=2#top");
    expect(parse("/")).toBe("/");
    expect(parse("/a/../account")).toBe("/account");
  });

  it("refuses other hosts however they are spelled", () => {
    for (const v of [
      "//evil.test",
      "//evil.test/x",
      "/\\evil.test",
      "/\\/evil.test",
      "\\\\evil.test",
      "/\t/evil.test",
      "/\n/evil.test",
      "/\r\n/evil.test",
      "/%09/evil.test".replace("%09", "\t"),
      "/.//evil.test",
      "/./\\evil.test",
      "https://evil.test/",
      "http://iam.example.test/", // other scheme = other origin
      "javascript:alert(1)",
      " /account",
      "evil.test",
      "",
      undefined,
      null,
      ["/account"],
    ])
      expect(parse(v), JSON.stringify(v)).toBe("/");
  });

  it("refuses API paths, which the sign-in would open with a same-origin request (credential-minting GETs)", () => {
    for (const v of ["/api/v1/users/generate-tokens", "/api/v1/users/generate-tokens?x=1", "/API/v1/users/generate-tokens", "/%61pi/v1/users/generate-tokens", "/a/../api/v1/users/generate-tokens", "/api"])
      expect(parse(v), v).toBe("/");
    expect(parse("/api-reference")).toBe("/api-reference");
    expect(parse("/apiary")).toBe("/apiary");
  });

  it("refuses control characters anywhere (they would break the Location header)", () => {
    expect(parse("/account\r\nSet-Cookie: x=1")).toBe("/");
    expect(parse("/account\u0000")).toBe("/");
    expect(parse("/account\u007f")).toBe("/");
  });

  it("keeps encoded forms encoded: they stay paths on our origin", () => {
    expect(parse("/%2F%2Fevil.test")).toBe("/%2F%2Fevil.test");
    expect(parse("/%5Cevil.test")).toBe("/%5Cevil.test");
    expect(parse("/%09/evil.test")).toBe("/%09/evil.test");
  });

  it("percent-encodes non-ASCII so the answer is a valid header value", () => {
    expect(parse("/vault?q=straße")).toBe("/vault?q=stra%C3%9Fe");
    expect(parse("/ünïcode")).toBe("/%C3%BCn%C3%AFcode");
    expect(parse("/\uff0f\uff0fevil.test")).toBe("/%EF%BC%8F%EF%BC%8Fevil.test");
  });
});
