import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { currentCaller } from "@/lib/auth/current";
import { hasAdministrator } from "@/lib/bootstrap";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("signIn") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  if (!(await hasAdministrator())) redirect("/setup");
  const { callbackUrl } = await searchParams;
  if (await currentCaller()) redirect(safeCallbackUrl(callbackUrl));
  return <LoginForm callbackUrl={safeCallbackUrl(callbackUrl)} />;
}
