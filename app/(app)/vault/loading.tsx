import { getTranslations } from "next-intl/server";
import { Skeleton } from "@/components/ui/skeleton";

export default async function Loading() {
  const t = await getTranslations("vault");
  return (
    <div className="grid gap-4" aria-busy="true" aria-label={t("loading")}>
      <Skeleton className="h-8 w-40" />
      <div className="grid gap-6 md:grid-cols-[16rem_1fr]">
        <Skeleton className="h-64" />
        <Skeleton className="h-64" />
      </div>
    </div>
  );
}
