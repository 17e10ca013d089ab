/**
 * Turns the generated OpenAPI schemas (JSON Schema 2020-12 from zod) into what a person reads: a
 * type outline ("integer", not "minimum -9007199254740991") and an example value for requests,
 * responses and curl lines.
 */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  $ref?: string;
}

/** zod's int() bounds: saying "integer" says it all. */
const SAFE = Number.MAX_SAFE_INTEGER;

function range(lo: number | undefined, hi: number | undefined, unit = "") {
  const l = lo !== undefined && Math.abs(lo) < SAFE ? lo : undefined;
  const h = hi !== undefined && Math.abs(hi) < SAFE ? hi : undefined;
  if (l === undefined && h === undefined) return "";
  if (l !== undefined && h !== undefined) return l === h ? ` (${l}${unit})` : ` (${l}–${h}${unit})`;
  return l !== undefined ? ` (≥ ${l}${unit})` : ` (≤ ${h}${unit})`;
}

const variants = (s: Schema) => s.anyOf ?? s.oneOf ?? s.allOf;

/** A one-line type for scalars, an indented outline for objects and arrays of objects. */
export function typeOf(s: Schema, indent = ""): string {
  if (s.$ref) return s.$ref.split("/").pop()!;
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  const vs = variants(s);
  if (vs) return [...new Set(vs.map((v) => typeOf(v, indent)))].join(s.allOf ? " & " : " | ");
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length > 1) return types.map((t) => typeOf({ ...s, type: t }, indent)).join(" | ");
  switch (types[0]) {
    case "string":
      return `string${s.format ? ` (${s.format})` : ""}${range(s.minLength, s.maxLength, " chars")}`;
    case "integer":
    case "number":
      return `${types[0]}${range(s.minimum, s.maximum)}`;
    case "boolean":
    case "null":
      return types[0];
    case "array":
      return `${s.items ? typeOf(s.items, indent) : "unknown"}[]${range(s.minItems, s.maxItems, " items")}`;
    case "object": {
      const props = Object.entries(s.properties ?? {});
      if (!props.length) return typeof s.additionalProperties === "object" ? `{ [key: string]: ${typeOf(s.additionalProperties, indent)} }` : "{}";
      const inner = `${indent}  `;
      const required = new Set(s.required ?? []);
      return `{\n${props.map(([k, v]) => `${inner}${k}${required.has(k) ? "" : "?"}: ${typeOf(v, inner)}`).join("\n")}\n${indent}}`;
    }
    default:
      return "any";
  }
}

const UUID = "3f2b8c1e-6d4a-4f0e-9b7a-2c5d8e1f4a6b";

/** A believable string for a field, by format first, then by its name. */
function exampleString(name: string, s: Schema): string {
  if (s.format === "email" || /email|loginId/i.test(name)) return "ada@example.com";
  if (s.format === "uuid" || /(^id$|Id$|ID$|_id$)/.test(name)) return UUID;
  if (s.format === "date-time" || /(At|Instant|created|updated|modified|Till|Login)$/.test(name)) return "2026-01-31T09:30:00.000Z";
  if (s.format === "date" || /date$/i.test(name)) return "2026-01-31";
  if (s.format === "uri" || s.format === "url" || /url$/i.test(name)) return "https://example.com/picture.png";
  if (/password|passphrase|masterKey/i.test(name)) return "correct horse battery staple";
  if (/token/i.test(name)) return "<token>";
  if (/code$/i.test(name)) return "123456";
  if (/firstName/.test(name)) return "Ada";
  if (/lastName/.test(name)) return "Lovelace";
  if (/name$/i.test(name)) return "Ada Lovelace";
  if (/host/i.test(name)) return "example.com";
  const min = s.minLength ?? 0;
  return "string".padEnd(Math.min(min, 32), "x");
}

/** An example value that satisfies the schema's shape (optional fields included, so readers see them). */
export function exampleOf(s: Schema, name = "", depth = 0): unknown {
  if (depth > 8) return null;
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const vs = variants(s);
  if (vs?.length) return exampleOf(vs.find((v) => v.type !== "null") ?? vs[0]!, name, depth + 1);
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== "null") ?? s.type[0]) : s.type;
  switch (type) {
    case "string":
      return exampleString(name, s);
    case "integer":
    case "number":
      return s.minimum !== undefined && Math.abs(s.minimum) < SAFE ? Math.max(s.minimum, Math.min(1, s.maximum ?? 1)) : /count|records|length/i.test(name) ? 10 : 1;
    case "boolean":
      return true;
    case "null":
      return null;
    case "array":
      return s.items ? [exampleOf(s.items, name.replace(/s$/, ""), depth + 1)] : [];
    case "object": {
      const props = Object.entries(s.properties ?? {});
      if (!props.length && typeof s.additionalProperties === "object") return { key: exampleOf(s.additionalProperties, "value", depth + 1) };
      return Object.fromEntries(props.map(([k, v]) => [k, exampleOf(v, k, depth + 1)]));
    }
    default:
      return null;
  }
}

/** Shell-quoted for a POSIX shell: single quotes, with embedded ones closed and escaped. */
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** One curl line for an operation, against this server, with path and required query parameters filled in. */
export function curlOf(opts: { baseUrl: string; method: string; path: string; params: { name: string; in: string; required: boolean; schema?: Schema }[]; body?: unknown; token: boolean }) {
  let path = opts.path;
  const query = new URLSearchParams();
  for (const p of opts.params) {
    const v = String(exampleOf(p.schema ?? { type: "string" }, p.name));
    if (p.in === "path") path = path.replace(`{${p.name}}`, encodeURIComponent(v));
    else if (p.in === "query" && p.required) query.set(p.name, v);
  }
  const url = `${opts.baseUrl.replace(/\/$/, "")}${path}${query.size ? `?${query}` : ""}`;
  const lines = [`curl -X ${opts.method.toUpperCase()} ${quote(url)}`];
  if (opts.token) lines.push(`-H "Authorization: Bearer $TOKEN"`);
  if (opts.body !== undefined) lines.push(`-H 'Content-Type: application/json'`, `-d ${quote(JSON.stringify(opts.body))}`);
  return lines.join(" \\\n  ");
}
