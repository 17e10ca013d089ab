import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import type { MemberSummary } from "@/lib/dashboard/member";

function Panel({ title, href, action, children, testId }: { title: string; href: string; action: string; children: React.ReactNode; testId: string }) {
  return (
    <Card className="gap-3" data-testid={testId}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent className="grid flex-1 gap-2 text-sm">{children}</CardContent>
      <CardFooter>
        <Link href={href} className="text-sm underline-offset-4 hover:underline">{action}</Link>
      </CardFooter>
    </Card>
  );
}

/** A member's home: their second factors, sessions and vault at a glance. */
export function MemberSummaryView({ s }: { s: MemberSummary }) {
  const t = useTranslations("dashboard.member");
  const factors = [s.mfa.authenticator && t("mfa.authenticator"), s.mfa.pin && t("mfa.pin"), s.mfa.passkeys && t("mfa.passkeys", { count: s.mfa.passkeys })].filter(Boolean) as string[];
  const on = factors.length > 0;
  return (
    <div className="grid gap-4 md:grid-cols-3">
      <Panel title={t("mfa.title")} href="/account/mfa" action={on ? t("mfa.manage") : t("mfa.setUp")} testId="summary-mfa">
        <p className="flex items-center gap-2">
          <Badge variant={on ? "secondary" : "destructive"} data-testid="summary-mfa-status">{on ? t("mfa.on") : t("mfa.off")}</Badge>
          {s.mfa.required && !on && <span className="text-muted-foreground">{t("mfa.required")}</span>}
        </p>
        <CardDescription>{on ? t("mfa.using", { factors: factors.join(", "), codes: s.mfa.recoveryCodes }) : t("mfa.none")}</CardDescription>
      </Panel>
      <Panel title={t("sessions.title")} href="/account/sessions" action={t("sessions.review")} testId="summary-sessions">
        <p className="text-2xl font-semibold tabular-nums" data-testid="summary-sessions-count">{s.sessions.active.toLocaleString()}</p>
        <CardDescription>
          {s.sessions.active === 1 ? t("sessions.one") : t("sessions.many")}
          {s.sessions.lastSignInAt && (
            <>
              {" "}
              {t.rich("sessions.last", { when: () => <RelativeTime date={s.sessions.lastSignInAt!} /> })}
            </>
          )}
        </CardDescription>
      </Panel>
      <Panel title={t("vault.title")} href="/vault" action={t("vault.open")} testId="summary-vault">
        <p className="text-2xl font-semibold tabular-nums" data-testid="summary-vault-count">{s.vault.entries.toLocaleString()}</p>
        <CardDescription>{s.vault.entries ? t("vault.some", { entries: s.vault.entries, groups: s.vault.groups }) : t("vault.none")}</CardDescription>
      </Panel>
    </div>
  );
}
