import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { hasAdministrator } from "@/lib/bootstrap";

export const metadata: Metadata = { title: "First-run setup" };
export const dynamic = "force-dynamic";

/** Exists only until the first administrator is created. */
export default async function SetupPage() {
  if (await hasAdministrator()) notFound();
  return <SetupForm />;
}
