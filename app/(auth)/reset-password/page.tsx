import type { Metadata } from "next";
import { CodePage } from "@/components/auth/code-page";

export const metadata: Metadata = { title: "Reset password" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ code?: string }> }) {
  const { code } = await searchParams;
  return <CodePage code={code} purpose="reset" />;
}
