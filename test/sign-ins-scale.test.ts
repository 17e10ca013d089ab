import { describe, expect, it } from "vitest";
// @ts-expect-error -- Recharts' own tick maths, not a public entry point: the reference the server-drawn bars must match
import { getNiceTickValues } from "recharts/lib/util/scale/getNiceTickValues";
import { niceScale } from "@/components/dashboard/sign-ins-bars";

describe("niceScale (server-drawn sign-ins bars)", () => {
  it("picks the same five whole-number ticks as the Recharts chart that replaces it", () => {
    for (let max = 0; max <= 2000; max++) {
      const { step, top } = niceScale(max);
      const ticks = [0, 1, 2, 3, 4].map((i) => i * step);
      expect(ticks, `max ${max}`).toEqual((getNiceTickValues([0, max], 5, false) as number[]).map(Number));
      expect(top).toBeGreaterThanOrEqual(max);
    }
  });
});
