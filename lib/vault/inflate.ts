import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";

/** Why inflating stopped: the output outgrew the size cap, or grew too fast for its input (a bomb). */
export class InflateLimitError extends Error {
  constructor(
    readonly reason: "size" | "ratio",
    message: string,
  ) {
    super(message);
    this.name = "InflateLimitError";
  }
}

export interface InflateCaps {
  /** Output never exceeds this many bytes. */
  maxBytes: number;
  /** Output may be at most this many times the input consumed so far... */
  maxRatio: number;
  /** ...once it has passed this size (tiny, very repetitive files are fine). */
  ratioFloor?: number;
}

const SLICE = 16 * 1024;

/**
 * Gunzip as a stream, on the thread pool, in 16 KB input slices, stopping at the first chunk that
 * breaks a cap: a bomb is refused after a few MB of output instead of being inflated whole (a
 * deflate stream can expand about 1000×; real JSON backups stay far below the ratio cap).
 */
export async function gunzipCapped(input: Uint8Array, caps: InflateCaps): Promise<Buffer> {
  const floor = caps.ratioFloor ?? 1024 * 1024;
  let fed = 0;
  function* slices() {
    for (let i = 0; i < input.length; i += SLICE) {
      const slice = input.subarray(i, i + SLICE);
      fed += slice.length;
      yield slice;
    }
  }
  const out: Buffer[] = [];
  let total = 0;
  let limit: InflateLimitError | undefined;
  try {
    // One slice read ahead at most, so `fed` is what the inflater has really been given.
    await pipeline(Readable.from(slices(), { highWaterMark: 1 }), createGunzip(), async (inflated: AsyncIterable<Buffer>) => {
      for await (const chunk of inflated) {
        total += chunk.length;
        if (total > caps.maxBytes) limit = new InflateLimitError("size", `it expands to more than ${Math.floor(caps.maxBytes / 1024 / 1024)} MB`);
        else if (total > floor && total > fed * caps.maxRatio) limit = new InflateLimitError("ratio", `it expands more than ${caps.maxRatio} times (a compression bomb?)`);
        if (limit) throw limit;
        out.push(chunk);
      }
    });
  } catch (e) {
    // Stopping the pipeline surfaces as an AbortError: report why it was stopped.
    throw limit ?? e;
  }
  return Buffer.concat(out, total);
}
