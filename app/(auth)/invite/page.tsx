import type { Metadata } from "next";
import { CodePage } from "@/components/auth/code-page";

export const metadata: Metadata = { title: "Accept invitation" };

export default async function InvitePage({ searchParams }: { searchParams: Promise<{ code?: string }> }) {
  const { code } = await searchParams;
  return <CodePage code={code} purpose="invite" />;
}
