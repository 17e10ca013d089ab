import { NextResponse } from "next/server";
import { buildOpenApi } from "@/app/api/_shared/openapi";
import { ALL_OPS } from "@/app/api/_shared/registry";

export const dynamic = "force-static";

export function GET() {
  return NextResponse.json(buildOpenApi(ALL_OPS, { title: "IAM Console API", version: "1.0.0" }));
}
