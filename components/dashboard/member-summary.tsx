import Link from "next/link";
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

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** A member's home: their second factors, sessions and vault at a glance. */
export function MemberSummaryView({ s }: { s: MemberSummary }) {
  const factors = [s.mfa.authenticator && "authenticator app", s.mfa.pin && "PIN", s.mfa.passkeys && plural(s.mfa.passkeys, "passkey")].filter(Boolean) as string[];
  const on = factors.length > 0;
  return (
    <div className="grid gap-4 md:grid-cols-3">
      <Panel title="Two-factor" href="/account/mfa" action={on ? "Manage two-factor" : "Set up two-factor"} testId="summary-mfa">
        <p className="flex items-center gap-2">
          <Badge variant={on ? "secondary" : "destructive"} data-testid="summary-mfa-status">{on ? "On" : "Off"}</Badge>
          {s.mfa.required && !on && <span className="text-muted-foreground">Required for your account</span>}
        </p>
        <CardDescription>{on ? `Using ${factors.join(", ")}. ${plural(s.mfa.recoveryCodes, "recovery code")} left.` : "Only your password protects this account."}</CardDescription>
      </Panel>
      <Panel title="Sessions" href="/account/sessions" action="Review sessions" testId="summary-sessions">
        <p className="text-2xl font-semibold tabular-nums" data-testid="summary-sessions-count">{s.sessions.active.toLocaleString()}</p>
        <CardDescription>
          {s.sessions.active === 1 ? "Signed in on this device only." : "Devices and API sessions signed in."}
          {s.sessions.lastSignInAt && (
            <>
              {" "}Last sign-in <RelativeTime date={s.sessions.lastSignInAt} />.
            </>
          )}
        </CardDescription>
      </Panel>
      <Panel title="Vault" href="/vault" action="Open the vault" testId="summary-vault">
        <p className="text-2xl font-semibold tabular-nums" data-testid="summary-vault-count">{s.vault.entries.toLocaleString()}</p>
        <CardDescription>{s.vault.entries ? `${plural(s.vault.entries, "entry", "entries")} in ${plural(s.vault.groups, "group")}.` : "No entries yet: add the sites you sign in to."}</CardDescription>
      </Panel>
    </div>
  );
}
