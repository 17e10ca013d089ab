import { z } from "zod";

/**
 * A boolean query parameter as generated clients write it: `true`/`false` in any case (Python
 * sends `True`/`False`) or `1`/`0`. Used by every query boolean on every surface.
 */
export const queryBool = z
  .union([z.boolean(), z.string().trim().toLowerCase().pipe(z.enum(["true", "false", "1", "0"], "must be true or false"))])
  .transform((v) => v === true || v === "true" || v === "1");
