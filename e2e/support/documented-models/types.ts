import type { z } from "zod";

/**
 * One documented operation: what a client generated from the seed document decodes for each
 * status. `success` lists the documented 2xx statuses; every other status is read as the
 * surface's error model (or, where documented, an empty body).
 */
export interface DocumentedOperation {
  name: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path on our server with `{param}` placeholders, e.g. /api/v1/roles/{role}. */
  path: string;
  success: Record<number, z.ZodType | "empty">;
}

export interface DocumentedSurface {
  name: string;
  /** Every path of the surface starts with this. */
  prefix: string;
  operations: DocumentedOperation[];
  /** The model a client decodes for a non-success status, or "empty" where the body must be empty. */
  error(status: number): z.ZodType | "empty";
}
