import { NextResponse } from "next/server";
import { handle } from "@/app/api/_shared/route";
import { iamOps } from "../_ops";
import { iam } from "../_shared/rpc";

const handlers = Object.fromEntries(Object.entries(iamOps).map(([name, op]) => [name, handle(op)]));

export async function POST(req: Request, ctx: { params: Promise<{ method: string }> }) {
  const { method } = await ctx.params;
  const h = Object.hasOwn(handlers, method) ? handlers[method] : undefined;
  if (!h) return NextResponse.json(iam.error("not_found", `Unknown method ${method}`).body, { status: 404 });
  return h(req, ctx as never);
}
