import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CodePage } from "@/components/auth/code-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("acceptInvitation") };
}

export default async function InvitePage({ searchParams }: { searchParams: Promise<{ code?: string }> }) {
  const { code } = await searchParams;
  return <CodePage code={code} purpose="invite" />;
}
