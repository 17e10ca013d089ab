import { describe, expect, it } from "vitest";
import { queryBool } from "@/app/api/_shared/query";
import { bfTimeZone } from "@/app/api/v1/_shared/timezone";

describe("queryBool", () => {
  it("reads true/false in any case and 1/0, as generated clients write them", () => {
    for (const v of ["True", "true", "TRUE", "1", true]) expect(queryBool.parse(v)).toBe(true);
    for (const v of ["False", "false", "fAlSe", "0", false]) expect(queryBool.parse(v)).toBe(false);
  });
  it("refuses anything else", () => {
    for (const v of ["yes", "", "2", "truee"]) expect(queryBool.safeParse(v).success).toBe(false);
  });
});

describe("bfTimeZone", () => {
  const winter = new Date("2026-01-15T12:00:00Z");
  it("gives the standard offset and the DST saving in milliseconds", () => {
    expect(bfTimeZone("Europe/Berlin", winter)).toEqual({ id: "Europe/Berlin", displayName: "Central European Standard Time", rawOffset: 3_600_000, dstsavings: 3_600_000 });
    expect(bfTimeZone("America/New_York", winter)).toMatchObject({ rawOffset: -18_000_000, dstsavings: 3_600_000 });
    expect(bfTimeZone("Asia/Kolkata", winter)).toMatchObject({ rawOffset: 19_800_000, dstsavings: 0 });
  });
  it("takes the southern hemisphere's winter as standard time", () => {
    expect(bfTimeZone("Australia/Sydney", winter)).toMatchObject({ rawOffset: 36_000_000, dstsavings: 3_600_000, displayName: "Australian Eastern Standard Time" });
  });
  it("shows an unset or unknown zone as UTC", () => {
    for (const z of [null, "", "Not/AZone"]) expect(bfTimeZone(z, winter)).toEqual({ id: "UTC", displayName: "Coordinated Universal Time", rawOffset: 0, dstsavings: 0 });
  });
});
