import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { hasAdministrator } from "@/lib/bootstrap";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("setup") };
}
export const dynamic = "force-dynamic";

/** Exists only until the first administrator is created. */
export default async function SetupPage() {
  if (await hasAdministrator()) notFound();
  return <SetupForm />;
}
