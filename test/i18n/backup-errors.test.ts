import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { libErrorKey } from "@/i18n/lib-errors";
import { BACKUP_VERSION, parseBackup } from "@/lib/vault/backup";

/**
 * The vault import route answers in English with `code` (and `values`) from LIB_ERRORS; the backup
 * page shows the code's message. Every refusal of parseBackup has a code, so none reaches a German
 * or French reader in English.
 */
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");
const group = (ref: string, parentRef: string | null = null) => ({ ref, parentRef, name: `Group ${ref}`, description: "" });
const entry = { groupRef: "a", host: "example.test", account: "me", complexity: 1, length: 16, lowercase: true, uppercase: true, digits: true, symbols: false };

async function codeOf(encoded: string, maxJsonBytes?: number) {
  const error = await parseBackup(encoded, maxJsonBytes).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error, "the backup should be refused").toBeDefined();
  return libErrorKey(error!.message);
}

describe("vault import errors", () => {
  it("each refusal of a backup has a message key, with its parameters", async () => {
    expect(await codeOf("")).toEqual({ key: "vault.errors.backupEmpty" });
    expect(await codeOf(Buffer.from("not json").toString("base64"))).toEqual({ key: "vault.errors.backupNotJson" });
    expect(await codeOf(Buffer.from([0x1f, 0x8b, 1, 2, 3]).toString("base64"))).toEqual({ key: "vault.errors.backupCorrupt" });
    expect(await codeOf(gzipSync(Buffer.from("x".repeat(10_000))).toString("base64"), 1024)).toEqual({ key: "vault.errors.backupTooLarge", values: {} });
    expect(await codeOf(b64({ version: 99, groups: [], metadatas: [] }))).toMatchObject({ key: "vault.errors.backupNotOurs", values: { detail: expect.stringContaining("version") } });
    expect(await codeOf(b64({ version: BACKUP_VERSION, groups: [group("a"), group("a")], metadatas: [] }))).toEqual({ key: "vault.errors.backupDuplicateRef", values: { ref: "a" } });
    expect(await codeOf(b64({ version: BACKUP_VERSION, groups: [group("a", "zz")], metadatas: [] }))).toEqual({ key: "vault.errors.backupMissingGroup" });
    expect(await codeOf(b64({ version: BACKUP_VERSION, groups: [group("a", "b"), group("b", "a")], metadatas: [] }))).toEqual({ key: "vault.errors.backupCycle", values: { ref: "a" } });
    expect(await codeOf(b64({ version: BACKUP_VERSION, groups: [group("a")], metadatas: [{ ...entry, lowercase: false, uppercase: false, digits: false }] }))).toEqual({ key: "vault.errors.backupInvalidMetadata" });
  });

  it("an oversized request body, refused before parsing, has the same key", () => {
    expect(libErrorKey("The request body is larger than 3 MB")).toEqual({ key: "vault.errors.backupTooLarge", values: {} });
  });
});
