import { afterEach, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { consumeClientRate, perClientKeys } from "@/lib/security/throttle";
import { clientIp } from "./request-meta";

const forwarded = new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.7" });

describe("client address", () => {
  afterEach(() => {
    env.TRUST_PROXY = false;
  });

  it("takes the last X-Forwarded-For hop, the address the nearest proxy (or Next itself) saw", () => {
    expect(clientIp(forwarded)).toBe("10.0.0.7");
    expect(clientIp(new Headers({ "x-forwarded-for": "::ffff:10.1.1.1" }))).toBe("10.1.1.1");
    expect(clientIp(new Headers())).toBe("unknown");
  });

  it("throttles per address only behind a trusted proxy: a direct client could forge it", async () => {
    expect(perClientKeys("ip", "1.2.3.4")).toEqual([]);
    const key = `t-${Date.now()}`;
    for (let i = 0; i < 5; i++) await consumeClientRate(key, "1.2.3.4", 2, 3600);
    env.TRUST_PROXY = true;
    expect(perClientKeys("ip", "1.2.3.4")).toEqual(["ip:1.2.3.4"]);
    await consumeClientRate(key, "1.2.3.4", 2, 3600);
    await consumeClientRate(key, "1.2.3.4", 2, 3600);
    await expect(consumeClientRate(key, "1.2.3.4", 2, 3600)).rejects.toThrow(/Try again/i);
    await consumeClientRate(key, "5.6.7.8", 2, 3600);
  });
});
