import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_OPS } from "@/app/api/_shared/registry";
import { LOCALES } from "@/lib/i18n/negotiate";

/**
 * The API reference shows each operation's summary from apiOperations.summaries.<operationId>.
 * The English entry is the OpenAPI summary itself (so a reworded summary fails here until the
 * translations are looked at), every operation has one, and no entry names a removed operation.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const summaries = (locale: string) => (JSON.parse(readFileSync(path.join(ROOT, "messages", `${locale}.json`), "utf8")) as { apiOperations: { summaries: Record<string, string> } }).apiOperations.summaries;

describe("API operation summaries", () => {
  it("has one per operation, and the English one is the OpenAPI summary", () => {
    expect(summaries("en")).toEqual(Object.fromEntries(ALL_OPS.map((op) => [op.operationId, op.summary])));
  });

  it("are translated, not copied, in every other language", () => {
    for (const locale of LOCALES.filter((l) => l !== "en")) {
      const copied = ALL_OPS.filter((op) => summaries(locale)[op.operationId] === op.summary).map((op) => op.operationId);
      expect(copied, locale).toEqual([]);
    }
  });
});
