import { NextResponse } from "next/server";
import { readBodyText } from "@/app/api/_shared/body";
import { isSameOrigin } from "@/app/api/_shared/same-origin";
import { currentCaller, pendingRequirement } from "@/lib/auth/current";
import { libErrorKey } from "@/i18n/lib-errors";
import { isAppError } from "@/lib/errors";
import { BACKUP_UPLOAD_MAX_BYTES } from "@/lib/security/limits";
import { importBackup, parseBackup } from "@/lib/vault/backup";

const SAMPLE = 20;

const codeOf = (message: string) => {
  const found = libErrorKey(message);
  return found ? { code: found.key, ...(found.values ? { values: found.values } : {}) } : {};
};

/**
 * Imports a backup (the raw file as the body); a route handler because server actions cap bodies
 * at 2 MB. `?dryRun=1` validates with the same rules and answers what would be created, writing nothing.
 */
export async function POST(req: Request) {
  const caller = await currentCaller();
  // The page shows `code` translated: a session that ended during a long upload is the usual cause.
  if (!caller || !isSameOrigin(req)) return NextResponse.json({ error: "Sign in first", code: "errors.sessionEnded" }, { status: 401 });
  // Like the server actions: a forced password change or MFA enrolment comes first, and the page
  // says so (a session put under one during the upload is the case).
  if (await pendingRequirement(caller)) return NextResponse.json({ error: "Finish the required account setup first.", code: "errors.finishSetup" }, { status: 403 });
  try {
    const text = await readBodyText(req, BACKUP_UPLOAD_MAX_BYTES);
    if (new URL(req.url).searchParams.get("dryRun") === "1") {
      const data = await parseBackup(text);
      return NextResponse.json({ groups: data.groups.length, entries: data.metadatas.length, sample: data.metadatas.slice(0, SAMPLE).map((m) => ({ host: m.host, account: m.account })) });
    }
    const r = await importBackup(caller.userId, text);
    return NextResponse.json({ groups: r.groups, entries: r.metadataIds.length });
  } catch (e) {
    // `error` stays English like every API error body; `code` (a message key) and `values` let the page translate it.
    if (isAppError(e)) return NextResponse.json({ error: e.message, ...codeOf(e.message) }, { status: e.kind === "too_large" ? 413 : 400 });
    throw e;
  }
}
