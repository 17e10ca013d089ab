import { currentCaller, pendingRequirement } from "@/lib/auth/current";
import { isAppError } from "@/lib/errors";
import { exportBackup } from "@/lib/vault/backup";

/** Downloads one group (with subgroups) or the whole vault as a backup file. */
export async function GET(req: Request) {
  const caller = await currentCaller();
  if (!caller) return new Response("Sign in first", { status: 401 });
  if (await pendingRequirement(caller)) return new Response("Not found", { status: 404 });
  const group = new URL(req.url).searchParams.get("group") || undefined;
  try {
    const data = await exportBackup(caller.userId, group);
    return new Response(data, { headers: { "content-type": "text/plain; charset=utf-8", "content-disposition": `attachment; filename="vault-${new Date().toISOString().slice(0, 10)}.backup"`, "cache-control": "no-store" } });
  } catch (e) {
    if (isAppError(e)) return new Response(e.message, { status: 404 });
    throw e;
  }
}
