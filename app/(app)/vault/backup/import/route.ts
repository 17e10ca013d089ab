import { NextResponse } from "next/server";
import { isSameOrigin } from "@/app/api/_shared/same-origin";
import { currentCaller } from "@/lib/auth/current";
import { isAppError } from "@/lib/errors";
import { importBackup } from "@/lib/vault/backup";

const MAX_BYTES = 64 * 1024 * 1024;

/** Imports a backup (the raw file as the body); a route handler because server actions cap bodies at 2 MB. */
export async function POST(req: Request) {
  const caller = await currentCaller();
  if (!caller || !isSameOrigin(req)) return NextResponse.json({ error: "Sign in first" }, { status: 401 });
  const text = await req.text();
  if (text.length > MAX_BYTES) return NextResponse.json({ error: "The file is larger than 64 MB" }, { status: 413 });
  try {
    const r = importBackup(caller.userId, text);
    return NextResponse.json({ groups: r.groups, entries: r.metadataIds.length });
  } catch (e) {
    if (isAppError(e)) return NextResponse.json({ error: e.message }, { status: 400 });
    throw e;
  }
}
