import { describe, expect, it } from "vitest";
import { ANIMALS, derivePassword, SYMBOLS, VaultInputError, type DeriveInput } from "./derive";
import { VECTORS } from "./derive-vectors";

const base = VECTORS[0]!.input;

describe("vault password derivation (fv1)", () => {
  it.each(VECTORS.map((v, i) => [i, v] as const))("reproduces published vector %i", async (_, v) => {
    expect(await derivePassword(v.input)).toBe(v.password);
  });

  it("is deterministic and changes with animal, renewal date, master key and host", async () => {
    const p = await derivePassword(base);
    expect(await derivePassword({ ...base })).toBe(p);
    for (const change of [{ animal: "Zebra" }, { renewalDate: "2027-03-04" }, { masterKey: "correct horse battery stapler" }, { host: "example.org" }] as Partial<DeriveInput>[])
      expect(await derivePassword({ ...base, ...change })).not.toBe(p);
  });

  it("every animal gives a different password", async () => {
    const all = await Promise.all(ANIMALS.map((animal) => derivePassword({ ...base, animal })));
    expect(new Set(all).size).toBe(20);
  });

  it("contains every enabled class and no disabled one", async () => {
    const classSets = [
      { lowercase: true, uppercase: false, digits: false, symbols: false },
      { lowercase: false, uppercase: true, digits: true, symbols: false },
      { lowercase: true, uppercase: true, digits: true, symbols: true },
      { lowercase: false, uppercase: false, digits: true, symbols: true },
    ];
    for (let i = 0; i < 24; i++) {
      const classes = classSets[i % classSets.length]!;
      const pw = await derivePassword({ ...base, ...classes, host: `site-${i}.test`, length: 4 + (i % 10) });
      expect(/[a-z]/.test(pw)).toBe(classes.lowercase);
      expect(/[A-Z]/.test(pw)).toBe(classes.uppercase);
      expect(/[0-9]/.test(pw)).toBe(classes.digits);
      expect([...pw].some((c) => SYMBOLS.includes(c))).toBe(classes.symbols);
      expect(pw).toHaveLength(4 + (i % 10));
    }
  });

  it("supports lengths 2 and 32", async () => {
    expect(await derivePassword({ ...base, length: 2, symbols: false, uppercase: false })).toHaveLength(2);
    expect(await derivePassword({ ...base, length: 32 })).toHaveLength(32);
  });

  it.each([
    [{ length: 1 }, "length"],
    [{ length: 33 }, "length"],
    [{ complexity: 4 as 1 }, "complexity"],
    [{ lowercase: false, uppercase: false, digits: false, symbols: false }, "classes"],
    [{ length: 3 }, "length"],
    [{ animal: "Unicorn" as "Fox" }, "animal"],
    [{ renewalDate: "2026-02-30" }, "renewalDate"],
    [{ masterKey: "" }, "masterKey"],
  ] as [Partial<DeriveInput>, string][])("rejects %o naming %s", async (change, field) => {
    const err = await derivePassword({ ...base, ...change }).catch((e) => e);
    expect(err).toBeInstanceOf(VaultInputError);
    expect(err.field).toBe(field);
  });
});
