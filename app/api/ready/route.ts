import { NextResponse } from "next/server";
import { readiness } from "@/lib/ops/health";

export const dynamic = "force-dynamic";

/** Readiness for load balancers and orchestrators: 200 when this instance can serve, 503 otherwise. */
export async function GET() {
  const r = await readiness();
  return NextResponse.json({ status: r.ready ? "ready" : "not ready", ...r }, { status: r.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
