import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { deriveKey } from "@/lib/security/crypto";
import { secureCookies } from "./cookies";
import { consumeTicket, startSession } from "./login";
import { clientIp, deviceLabel } from "./request-meta";

declare module "next-auth" {
  interface User {
    sid: string;
  }
  interface Session {
    sid?: string;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}

export const SECURE_SESSION_COOKIE = "__Host-next-auth.session-token";

/**
 * next-auth only turns a single-use sign-in ticket (password and second factor already checked
 * by lib/auth/login) into a JWT cookie carrying our session id. The session row is the truth:
 * every request checks it, so revocation takes effect on the next request.
 */
export const authOptions: NextAuthOptions = {
  secret: deriveKey("next-auth").toString("base64"),
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  // Over HTTPS the session cookie is `__Host-` (next-auth's default is `__Secure-`): a browser
  // takes a `__Host-` cookie only from this host, never with a Domain, so a sibling subdomain
  // (or anything under the same registrable domain) cannot plant its own signed-in cookie here
  // and have the victim work, and fill their vault, in the attacker's account.
  ...(secureCookies && { cookies: { sessionToken: { name: SECURE_SESSION_COOKIE, options: { httpOnly: true, sameSite: "lax", path: "/", secure: true } } } }),
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      name: "ticket",
      credentials: { ticket: { type: "text" } },
      async authorize(credentials, req) {
        const ticket = credentials?.ticket;
        if (!ticket) return null;
        const found = await consumeTicket(ticket);
        if (!found) return null;
        const headers = new Headers(req.headers as Record<string, string>);
        const ctx = { ip: clientIp(headers), userAgent: headers.get("user-agent") ?? "" };
        const { session } = await startSession({ ...found, kind: "browser", ...ctx, device: deviceLabel(ctx.userAgent) }, "browser");
        return { id: found.userId, sid: session.id };
      },
    }),
  ],
  events: {
    // next-auth's own POST /api/auth/signout only drops the cookie; end the session row as our
    // sign-out does, so a copy of that JWT (taken earlier) dies with it.
    async signOut({ token }) {
      if (!token?.sid) return;
      const [{ callerFromSessionId }, { signOut }] = await Promise.all([import("./resolve"), import("@/lib/sessions/admin")]);
      const caller = await callerFromSessionId(token.sid, "");
      if (caller) await signOut(caller);
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sid = user.sid;
      return token;
    },
    session({ session, token }) {
      session.sid = token.sid;
      return session;
    },
  },
};
