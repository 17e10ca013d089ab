import { StatCard } from "@/components/dashboard/stat-card";
import type { UserFigures } from "@/lib/dashboard/figures";

const pct = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)} %` : "—");

/** Users of the tenant: total, active, disabled and MFA adoption. */
export function UserStats({ f }: { f: UserFigures }) {
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <StatCard title="Users" value={f.total.toLocaleString()} detail="Members of this tenant" href="/admin/users" testId="stat-users" />
      <StatCard title="Active, last 7 days" value={f.active7.toLocaleString()} detail={`${f.active30.toLocaleString()} in the last 30 days`} testId="stat-active7" />
      <StatCard title="Disabled" value={f.disabled.toLocaleString()} detail="Cannot sign in" href="/admin/users?status=disabled" testId="stat-disabled" />
      <StatCard title="MFA adoption" value={pct(f.mfaEnrolled, f.total)} detail={`${f.mfaEnrolled.toLocaleString()} of ${f.total.toLocaleString()} with a second factor`} href="/admin/users?mfa=no" testId="stat-mfa" />
    </div>
  );
}
