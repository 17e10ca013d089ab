import { useTranslations } from "next-intl";
import { StatCard } from "@/components/dashboard/stat-card";
import type { UserFigures } from "@/lib/dashboard/figures";

/** Users of the tenant: total, active, disabled and MFA adoption. */
export function UserStats({ f }: { f: UserFigures }) {
  const t = useTranslations("dashboard.stats");
  const n = (value: number) => t("count", { value });
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <StatCard title={t("users")} value={n(f.total)} detail={t("usersDetail")} href="/admin/users" testId="stat-users" />
      <StatCard title={t("active7")} value={n(f.active7)} detail={t("active30", { count: f.active30 })} testId="stat-active7" />
      <StatCard title={t("disabled")} value={n(f.disabled)} detail={t("disabledDetail")} href="/admin/users?status=disabled" testId="stat-disabled" />
      <StatCard title={t("mfa")} value={f.total ? t("percent", { value: Math.round((f.mfaEnrolled / f.total) * 100) }) : "—"} detail={t("mfaDetail", { enrolled: f.mfaEnrolled, total: f.total })} href="/admin/users?mfa=no" testId="stat-mfa" />
    </div>
  );
}
