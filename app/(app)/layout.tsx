import { redirect } from "next/navigation";
import { SignedInShell } from "@/components/shell/signed-in-shell";
import { currentCaller } from "@/lib/auth/current";

// Every page below reads the database per request.
export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const caller = await currentCaller();
  if (!caller) redirect("/login");
  return <SignedInShell caller={caller}>{children}</SignedInShell>;
}
