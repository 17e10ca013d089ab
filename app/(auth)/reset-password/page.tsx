import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CodePage } from "@/components/auth/code-page";
import { codeParam } from "@/lib/account/code-param";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("resetPassword") };
}

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const { code } = await searchParams;
  return <CodePage code={codeParam(code)} purpose="reset" />;
}
