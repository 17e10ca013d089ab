import { z } from "zod";

/**
 * A profile picture address, wherever one is accepted: a web address only. `javascript:`,
 * `data:` or `file:` URLs would be shown to admins as links or images.
 */
export const imageUrlSchema = z.url({ protocol: /^https?$/, error: "imageUrl must be an http:// or https:// address" }).max(2000);

/** As the APIs take it: absent, "" (no picture) or a web address. */
export const optionalImageUrl = z.union([z.literal(""), imageUrlSchema]).optional();
