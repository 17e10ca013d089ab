import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, negotiateLocale, parseAcceptLanguage } from "./negotiate";

describe("parseAcceptLanguage", () => {
  it("orders by q-value, keeping header order for equal weights", () => {
    expect(parseAcceptLanguage("en;q=0.5, fr-CH, de;q=0.9, fr;q=0.9")).toEqual(["fr-ch", "de", "fr", "en"]);
  });
  it("drops q=0, malformed entries and weights out of range", () => {
    expect(parseAcceptLanguage("de;q=0, en-US;q=abc, !!, fr;q=2, it;q=0.3")).toEqual(["it"]);
  });
  it("reads an empty or missing header as no preference", () => {
    expect(parseAcceptLanguage("")).toEqual([]);
    expect(parseAcceptLanguage(null)).toEqual([]);
  });
});

describe("localeFromAcceptLanguage", () => {
  it("matches regional variants by their primary language", () => {
    expect(localeFromAcceptLanguage("de-AT,de;q=0.9")).toBe("de");
  });
  it("skips languages we do not have for a lower-weighted one we do", () => {
    expect(localeFromAcceptLanguage("es-ES, it;q=0.9, fr;q=0.4, de;q=0.5")).toBe("de");
  });
  it("takes the wildcard as the default and nothing as no answer", () => {
    expect(localeFromAcceptLanguage("es, *;q=0.1")).toBe("en");
    expect(localeFromAcceptLanguage("es, pt")).toBeUndefined();
  });
});

describe("negotiateLocale", () => {
  it("prefers the user's setting over the browser", () => {
    expect(negotiateLocale({ setting: "de", acceptLanguage: "fr-FR,fr;q=0.9" })).toBe("de");
  });
  it("uses Accept-Language without a setting, or with a setting we have no translation for", () => {
    expect(negotiateLocale({ acceptLanguage: "fr-FR,fr;q=0.9,en;q=0.8" })).toBe("fr");
    expect(negotiateLocale({ setting: "es", acceptLanguage: "fr" })).toBe("fr");
  });
  it("falls back to English", () => {
    expect(negotiateLocale({})).toBe("en");
    expect(negotiateLocale({ setting: "nl", acceptLanguage: "ja, zh;q=0.5" })).toBe("en");
  });
});
