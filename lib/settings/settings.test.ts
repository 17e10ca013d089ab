import { describe, expect, it } from "vitest";
import { makeUser } from "@/test/factories";
import { getSetting, setSetting } from "./settings";

describe("settings keys", () => {
  it("treats inherited Object properties as unknown keys, not as settings", async () => {
    const u = await makeUser();
    for (const key of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      await expect(getSetting(u.id, key)).rejects.toThrow(`Unknown setting "${key}"`);
      await expect(setSetting(u.id, key, "x")).rejects.toThrow(`Unknown setting "${key}"`);
    }
    expect(await getSetting(u.id, "theme")).toBe("system");
  });
});
