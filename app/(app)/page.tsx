import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FirstRunChecklist } from "@/components/dashboard/first-run-checklist";
import { MemberSummaryView } from "@/components/dashboard/member-summary";
import { RecentEvents } from "@/components/dashboard/recent-events";
import { SignIns } from "@/components/dashboard/sign-ins";
import { UserStats } from "@/components/dashboard/user-stats";
import { PageHeader } from "@/components/shell/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePageCaller } from "@/lib/auth/current";
import { recentAudit } from "@/lib/audit/query";
import { dashboardAccess } from "@/lib/dashboard/access";
import { firstRunChecklist } from "@/lib/dashboard/checklist";
import { signInsPerDay, userFigures } from "@/lib/dashboard/figures";
import { memberSummary } from "@/lib/dashboard/member";
import { callerTenant } from "@/lib/tenants/tenants";
import { findUserById } from "@/lib/users/records";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("metaTitle") };
}

const CHART_DAYS = 14;

/** After sign-in: the tenant's dashboard for those who may see users or the audit log, else the member's own summary. */
export default async function Home() {
  const caller = await requirePageCaller();
  const [access, me, tenant] = await Promise.all([dashboardAccess(caller), findUserById(caller.userId), callerTenant(caller)]);
  const t = await getTranslations("dashboard");
  const greeting = t("welcome", { name: me?.firstName || me?.email || caller.email });
  if (!access) {
    return (
      <>
        <PageHeader title={greeting} description={t("ownGlance")} />
        <MemberSummaryView s={await memberSummary(caller)} />
      </>
    );
  }
  const [figures, checklist, days, recent] = await Promise.all([
    access.users ? userFigures(caller) : null,
    access.users ? firstRunChecklist(caller) : null,
    access.audit ? signInsPerDay(caller, { days: CHART_DAYS, timeZone: me?.timezone }) : null,
    access.audit ? recentAudit(caller, 8) : null,
  ]);
  const totals = days?.reduce((t, d) => ({ ok: t.ok + d.succeeded, bad: t.bad + d.failed }), { ok: 0, bad: 0 });
  return (
    <ClientMessages namespaces={["dashboard"]}>
      <PageHeader title={greeting} description={t("tenantGlance", { tenant: tenant.name })} />
      <div className="grid gap-6">
        {figures && <UserStats f={figures} />}
        <div className="grid gap-6 lg:grid-cols-5 lg:items-start">
          {days && totals && (
            <Card className="gap-3 lg:col-span-3">
              <CardHeader>
                <CardTitle>{t("signInsTitle", { days: CHART_DAYS })}</CardTitle>
                <CardDescription data-testid="sign-ins-totals">
                  {t("signInsTotals", { ok: totals.ok, failed: totals.bad })}
                </CardDescription>
              </CardHeader>
              <CardContent>
                <SignIns days={days} />
              </CardContent>
            </Card>
          )}
          {checklist && (
            <div className="lg:col-span-2">
              <FirstRunChecklist
                c={{
                  mailDelivery: checklist.mailDelivery,
                  ownMfa: checklist.ownMfa,
                  secondAdmin: checklist.secondAdmin,
                  policyReviewed: !!checklist.policyReviewedAt,
                  policy: checklist.policy,
                  policyHref: caller.isSuperAdmin ? `/admin/tenants/${caller.tenantId}` : undefined,
                }}
              />
            </div>
          )}
        </div>
        {recent && <RecentEvents rows={recent} />}
      </div>
    </ClientMessages>
  );
}
