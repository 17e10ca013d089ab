import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SignedInShell } from "@/components/shell/signed-in-shell";
import { currentCaller } from "@/lib/auth/current";

/** One 404 for every route; a signed-in person keeps the shell (Next renders this outside (app)/layout). */
export default async function NotFound() {
  const caller = await currentCaller();
  const t = await getTranslations("notFound");
  const message = (
    <div className="flex min-h-[60vh] flex-col items-center justify-center gap-3 p-8 text-center">
      <p className="text-sm font-medium text-muted-foreground">404</p>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-md text-sm text-muted-foreground">{t("body")}</p>
      <Link href={caller ? "/" : "/login"} className="text-sm font-medium text-primary underline underline-offset-4">
        {caller ? t("home") : t("signIn")}
      </Link>
    </div>
  );
  return caller ? <SignedInShell caller={caller}>{message}</SignedInShell> : <main id="main">{message}</main>;
}
