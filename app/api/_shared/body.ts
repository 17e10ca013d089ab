import { megabytes } from "@/lib/security/limits";
import { tooLarge } from "@/lib/errors";

/**
 * Reads a request body as text, refusing it (413) as soon as it passes `maxBytes`: by the declared
 * Content-Length before reading anything, else while streaming, so an oversized or chunked body
 * is never held whole.
 */
export async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  const refuse = () => tooLarge(`The request body is larger than ${megabytes(maxBytes)}`);
  if (Number(req.headers.get("content-length")) > maxBytes) throw refuse();
  if (!req.body) return "";
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw refuse();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString("utf8");
}
