import NextAuth from "next-auth";
import { withCappedBody } from "@/app/api/_shared/auth-body";
import { authOptions } from "@/lib/auth/next-auth";

const handler = withCappedBody(NextAuth(authOptions));
export { handler as GET, handler as POST };
