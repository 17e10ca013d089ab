import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { gunzipCapped, InflateLimitError } from "./inflate";

const MB = 1024 * 1024;
const caps = { maxBytes: 64 * MB, maxRatio: 400 };

describe("gunzipCapped", () => {
  it("inflates ordinary data unchanged", async () => {
    const data = Buffer.concat([randomBytes(300_000), Buffer.alloc(300_000, 7)]);
    expect((await gunzipCapped(gzipSync(data), caps)).equals(data)).toBe(true);
  });

  it("lets small, very repetitive files through (the ratio counts only past the floor)", async () => {
    const data = Buffer.alloc(900_000, 32); // ~1000×, but under 1 MB
    expect((await gunzipCapped(gzipSync(data), caps)).length).toBe(900_000);
  });

  it("refuses output over the size cap", async () => {
    const data = randomBytes(3 * MB); // incompressible: ratio ~1, only the size cap can stop it
    await expect(gunzipCapped(gzipSync(data), { maxBytes: 2 * MB, maxRatio: 400 })).rejects.toMatchObject({ reason: "size" });
  });

  it("refuses a bomb by its ratio, before inflating all of it", async () => {
    const bomb = gzipSync(Buffer.alloc(200 * MB, 0), { level: 9 });
    // Garbage after the first half: reaching it would fail as corrupt data. The ratio cap
    // must stop inflating long before, so the answer is the limit, not the corruption.
    const cut = Buffer.concat([bomb.subarray(0, bomb.length >> 1), randomBytes(4096)]);
    const err = await gunzipCapped(cut, caps).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InflateLimitError);
    expect(err).toMatchObject({ reason: "ratio" });
  });

  it("reports corrupt input as a zlib error, not a limit", async () => {
    const err = await gunzipCapped(Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4]), caps).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(InflateLimitError);
  });
});
