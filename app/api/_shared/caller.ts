import { getServerSession } from "next-auth";
import type { Caller } from "@/lib/authz/caller";
import { authOptions } from "@/lib/auth/next-auth";
import { callerFromBearer, callerFromSessionId } from "@/lib/auth/resolve";
import { isSameOrigin } from "./same-origin";

/**
 * Resolves the API caller: `Authorization: Bearer`, Quatrix `X-Auth-Token`, Forgiva's
 * `header.sessionId` in the body, or the browser's session cookie. A state-changing request
 * authenticated by cookie must come from our own origin (CSRF), and so must a GET that mints
 * credentials (`mintsCredentials`): an `<img src>` on another site must not create tokens.
 */
export async function resolveApiCaller(
  req: Request,
  ip: string,
  bodyToken?: string,
  { mintsCredentials = false, readsOwnRecord = false }: { mintsCredentials?: boolean; readsOwnRecord?: boolean } = {},
): Promise<Caller | null> {
  const auth = req.headers.get("authorization");
  const bearer = auth?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  const token = bearer ?? req.headers.get("x-auth-token")?.trim() ?? bodyToken;
  if (token) return callerFromBearer(token, ip, readsOwnRecord);
  if (!req.headers.get("cookie")?.includes("next-auth.session-token")) return null;
  if ((mintsCredentials || (req.method !== "GET" && req.method !== "HEAD")) && !isSameOrigin(req)) return null;
  const session = await getServerSession(authOptions);
  return session?.sid ? callerFromSessionId(session.sid, ip, readsOwnRecord) : null;
}

