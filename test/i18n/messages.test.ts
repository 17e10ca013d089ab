import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LIB_ERRORS } from "@/i18n/lib-errors";
import { mailKeys, MAIL_TEMPLATES, type MailTemplate } from "@/lib/email/template-keys";
import { LOCALES } from "@/lib/i18n/negotiate";

/**
 * Every message key the code uses exists in every language, and every key in the files is used.
 * Keys are found by reading the sources: `const t = useTranslations("ns")` (or getTranslations)
 * then `t("key")`, `t.rich("key")`, or `(await getTranslations("ns"))("key")`; a template key (`t(\`flags.${k}.label\`)`) matches every key
 * of its shape; "validation.x" / "errors.x" / "<ns>.errors.x" literals (zod messages, LIB_ERRORS), and the admin area's own
 * "admin.validation.x", are keys; mail
 * keys come from lib/email/template-keys.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCE_DIRS = ["app", "components", "i18n", "lib"];

type Tree = { [key: string]: string | Tree };
const catalogue = Object.fromEntries(LOCALES.map((l) => [l, JSON.parse(readFileSync(path.join(ROOT, "messages", `${l}.json`), "utf8")) as Tree]));

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Keys used by the sources: exact ones, and patterns from template-literal keys. */
function usedKeys() {
  const exact = new Set<string>();
  const patterns: { pattern: RegExp; where: string }[] = [];
  for (const file of SOURCE_DIRS.flatMap((d) => sources(path.join(ROOT, d)))) {
    const text = readFileSync(file, "utf8");
    const where = path.relative(ROOT, file);
    const namespaces = new Map<string, string>();
    for (const m of text.matchAll(/const (\w+) = (?:await )?(?:useTranslations|getTranslations)\((?:"([^"]*)")?\)/g)) namespaces.set(m[1]!, m[2] ?? "");
    for (const [name, ns] of namespaces) {
      const prefix = ns ? `${ns}.` : "";
      for (const m of text.matchAll(new RegExp(`\\b${name}(?:\\.rich|\\.markup)?\\(\\s*"([^"]+)"`, "g"))) exact.add(prefix + m[1]);
      for (const m of text.matchAll(new RegExp(`\\b${name}(?:\\.rich|\\.markup)?\\(\\s*\`([^\`]+)\``, "g")))
        patterns.push({ pattern: new RegExp(`^${escape(prefix)}${m[1]!.split(/\$\{[^}]+\}/).map(escape).join("[^.]+")}$`), where });
    }
    // (await getTranslations("ns"))("key"), as in generateMetadata
    for (const m of text.matchAll(/getTranslations\("([^"]+)"\)\)\(\s*"([^"]+)"/g)) exact.add(`${m[1]}.${m[2]}`);
    for (const m of text.matchAll(/"((?:admin\.)?(?:validation|errors)\.[A-Za-z0-9]+|[a-z][A-Za-z]*\.errors\.[A-Za-z0-9]+)"/g)) exact.add(m[1]!);
  }
  for (const template of Object.keys(MAIL_TEMPLATES) as MailTemplate[]) for (const k of mailKeys(template)) exact.add(`email.${template}.${k}`);
  return { exact, patterns };
}

const english = leaves(catalogue.en!);
const { exact, patterns } = usedKeys();

describe("message catalogues", () => {
  it("have the same keys in every language", () => {
    for (const locale of LOCALES) expect([...leaves(catalogue[locale]!).keys()].sort(), locale).toEqual([...english.keys()].sort());
  });

  it("take the same arguments in every language", () => {
    const args = (message: string) => [...new Set([...message.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]))].sort();
    for (const locale of LOCALES)
      for (const [key, message] of leaves(catalogue[locale]!)) expect(args(message), `${locale}: ${key}`).toEqual(args(english.get(key) ?? ""));
  });

  it("hold every key the code uses", () => {
    const missing = [...exact].filter((k) => !english.has(k));
    expect(missing).toEqual([]);
    const unmatched = patterns.filter(({ pattern }) => ![...english.keys()].some((k) => pattern.test(k))).map((p) => `${p.where}: ${p.pattern}`);
    expect(unmatched).toEqual([]);
  });

  it("hold no key the code does not use", () => {
    const unused = [...english.keys()].filter((k) => !exact.has(k) && !patterns.some(({ pattern }) => pattern.test(k)));
    expect(unused).toEqual([]);
  });
});

describe("LIB_ERRORS", () => {
  it("names messages lib/ still throws (a reworded message would silently lose its translation)", () => {
    const lib = sources(path.join(ROOT, "lib")).map((f) => readFileSync(f, "utf8")).join("\n");
    const stale = LIB_ERRORS.filter(([m]) => typeof m === "string" && !lib.includes(`"${m}"`)).map(([m]) => m);
    expect(stale).toEqual([]);
  });
});
