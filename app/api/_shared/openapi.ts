import { z } from "zod";
import type { OpSpec } from "./surface";

type AnyOp = OpSpec<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;

function toSchema(schema: z.ZodType, io: "input" | "output") {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

function parameters(op: AnyOp) {
  const out: unknown[] = [];
  for (const [where, schema] of [
    ["path", op.params],
    ["query", op.query],
  ] as const) {
    if (!schema) continue;
    const json = toSchema(schema, "input") as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, s] of Object.entries(json.properties ?? {}))
      out.push({ name, in: where, required: where === "path" || !!json.required?.includes(name), schema: s });
  }
  return out;
}

const ERROR_STATUSES = ["400", "401", "403", "404", "409", "429"];

/** OpenAPI 3.1 generated from the very zod schemas the handlers parse with. */
export function buildOpenApi(ops: AnyOp[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorBodies: Record<string, unknown> = {};
  for (const op of ops) {
    const surface = op.surface.name;
    errorBodies[surface] ??= toSchema(errorSchemaOf(op), "output");
    const responses: Record<string, unknown> = {
      [String(op.successStatus ?? 200)]: { description: "Success", content: { "application/json": { schema: toSchema(op.response, "output") } } },
    };
    for (const status of ERROR_STATUSES) {
      if (op.auth === "none" && (status === "401" || status === "403")) continue;
      responses[status] =
        status === "401" && op.surface.emptyUnauthorized
          ? { description: "Not signed in (empty body)" }
          : { description: "Error", content: { "application/json": { schema: { $ref: `#/components/schemas/${surface}Error` } } } };
    }
    (paths[op.path] ??= {})[op.method.toLowerCase()] = {
      operationId: op.operationId,
      summary: op.summary,
      tags: [op.tag],
      security: op.auth === "none" ? [] : op.auth === "optional" ? [{}, { bearer: [] }] : [{ bearer: [] }],
      parameters: parameters(op),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(op.body, "input") } } } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info,
    servers: [{ url: "/" }],
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "Session access token, permanent or temporary API token" } },
      schemas: Object.fromEntries(Object.entries(errorBodies).map(([k, v]) => [`${k}Error`, v])),
    },
  };
}

/** Each surface's error body, described by example: the generator asks the surface for one. */
function errorSchemaOf(op: AnyOp): z.ZodType {
  const { body } = op.surface.error("validation", "message", "field");
  return exampleToSchema(body);
}

function exampleToSchema(v: unknown): z.ZodType {
  if (Array.isArray(v)) return z.array(z.string());
  if (v && typeof v === "object") return z.object(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, exampleToSchema(x)])));
  if (typeof v === "number") return z.number().int();
  if (typeof v === "boolean") return z.boolean();
  return z.string();
}
