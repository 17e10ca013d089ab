import { NextResponse } from "next/server";
import { currentCaller, pendingRequirement } from "@/lib/auth/current";
import { isAppError } from "@/lib/errors";
import { getJob } from "@/lib/jobs/jobs";

/** Job progress for the polling progress bar (session cookie; permission- and tenant-checked in lib). */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const caller = await currentCaller();
  if (!caller) return NextResponse.json({ error: "Sign in" }, { status: 401 });
  // A pending password change or MFA enrolment comes first, as on pages.
  if (await pendingRequirement(caller)) return NextResponse.json({ error: "Not found" }, { status: 404 });
  try {
    const j = await getJob(caller, (await ctx.params).id);
    return NextResponse.json({ id: j.id, kind: j.kind, status: j.status, total: j.total, done: j.done, error: j.error });
  } catch (e) {
    if (isAppError(e)) return NextResponse.json({ error: e.message }, { status: 404 });
    throw e;
  }
}
