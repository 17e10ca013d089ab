"use client";

import { CheckCircle2, Circle } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { acknowledgePolicyAction } from "@/app/(app)/_actions/dashboard";
import { useActionToast } from "@/components/forms/use-action-toast";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export interface ChecklistView {
  mailDelivery: boolean;
  ownMfa: boolean;
  secondAdmin: boolean;
  policyReviewed: boolean;
  policy: { passwordMinLength: number; rejectCommonPasswords: boolean };
  /** Super admins edit the policy on the tenant's page. */
  policyHref?: string;
}

function Item({ done, title, children, testId }: { done: boolean; title: string; children: React.ReactNode; testId: string }) {
  const t = useTranslations("dashboard.checklist");
  const Icon = done ? CheckCircle2 : Circle;
  return (
    <li className="flex gap-3 py-2" data-testid={testId} data-done={done}>
      <Icon className={done ? "mt-0.5 size-4 shrink-0 text-emerald-600 dark:text-emerald-400" : "mt-0.5 size-4 shrink-0 text-muted-foreground"} aria-hidden />
      <div className="grid gap-1 text-sm">
        <span className="font-medium">
          {title}
          <span className="sr-only">{done ? ` ${t("done")}` : ` ${t("toDo")}`}</span>
        </span>
        <div className="text-muted-foreground">{children}</div>
      </div>
    </li>
  );
}

/** What a new installation still needs; each item says how to do it. */
export function FirstRunChecklist({ c }: { c: ChecklistView }) {
  const t = useTranslations("dashboard.checklist");
  const notify = useActionToast();
  const [pending, start] = useTransition();
  const done = [c.mailDelivery, c.ownMfa, c.secondAdmin, c.policyReviewed].filter(Boolean).length;
  return (
    <Card className="gap-3">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription data-testid="checklist-progress">{t("progress", { done, total: 4 })}</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="divide-y">
          <Item done={c.mailDelivery} title={t("mail.title")} testId="check-mail">
            {c.mailDelivery ? t("mail.done") : t.rich("mail.todo", { code: (chunks) => <code>{chunks}</code> })}
          </Item>
          <Item done={c.ownMfa} title={t("mfa.title")} testId="check-mfa">
            {c.ownMfa ? t("mfa.done") : (
              <>{t("mfa.todo")} <Link className="underline" href="/account/mfa">{t("mfa.action")}</Link></>
            )}
          </Item>
          <Item done={c.secondAdmin} title={t("admin.title")} testId="check-admin">
            {c.secondAdmin ? t("admin.done") : (
              <>{t("admin.todo")} <Link className="underline" href="/admin/users">{t("admin.action")}</Link></>
            )}
          </Item>
          <Item done={c.policyReviewed} title={t("policy.title")} testId="check-policy">
            <span className="block">
              {c.policy.rejectCommonPasswords ? t("policy.summaryRefused", { min: c.policy.passwordMinLength }) : t("policy.summaryAllowed", { min: c.policy.passwordMinLength })}
              {c.policyHref && (
                <>
                  {" "}
                  <Link className="underline" href={c.policyHref}>{t("policy.change")}</Link>
                </>
              )}
            </span>
            {!c.policyReviewed && (
              <Button size="sm" variant="outline" className="mt-2" disabled={pending} onClick={() => start(() => notify(acknowledgePolicyAction({}), t("policy.marked")))}>
                {t("policy.mark")}
              </Button>
            )}
          </Item>
        </ul>
      </CardContent>
    </Card>
  );
}
