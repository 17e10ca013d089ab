import { NextResponse } from "next/server";
import { isSameOrigin } from "@/app/api/_shared/same-origin";
import { currentCaller, pendingRequirement } from "@/lib/auth/current";
import { isAppError } from "@/lib/errors";
import { importBackup, parseBackup } from "@/lib/vault/backup";

const MAX_BYTES = 64 * 1024 * 1024;
const SAMPLE = 20;

/**
 * Imports a backup (the raw file as the body); a route handler because server actions cap bodies
 * at 2 MB. `?dryRun=1` validates with the same rules and answers what would be created, writing nothing.
 */
export async function POST(req: Request) {
  const caller = await currentCaller();
  if (!caller || !isSameOrigin(req)) return NextResponse.json({ error: "Sign in first" }, { status: 401 });
  // Like the pages: a forced password change or MFA enrolment comes first.
  if (pendingRequirement(caller)) return NextResponse.json({ error: "Not found" }, { status: 404 });
  if (Number(req.headers.get("content-length")) > MAX_BYTES) return NextResponse.json({ error: "The file is larger than 64 MB" }, { status: 413 });
  const text = await req.text();
  if (text.length > MAX_BYTES) return NextResponse.json({ error: "The file is larger than 64 MB" }, { status: 413 });
  try {
    if (new URL(req.url).searchParams.get("dryRun") === "1") {
      const data = parseBackup(text);
      return NextResponse.json({ groups: data.groups.length, entries: data.metadatas.length, sample: data.metadatas.slice(0, SAMPLE).map((m) => ({ host: m.host, account: m.account })) });
    }
    const r = importBackup(caller.userId, text);
    return NextResponse.json({ groups: r.groups, entries: r.metadataIds.length });
  } catch (e) {
    if (isAppError(e)) return NextResponse.json({ error: e.message }, { status: 400 });
    throw e;
  }
}
