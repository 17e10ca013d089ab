"use client";

import { CheckCircle2, Circle } from "lucide-react";
import Link from "next/link";
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
  const Icon = done ? CheckCircle2 : Circle;
  return (
    <li className="flex gap-3 py-2" data-testid={testId} data-done={done}>
      <Icon className={done ? "mt-0.5 size-4 shrink-0 text-emerald-600 dark:text-emerald-400" : "mt-0.5 size-4 shrink-0 text-muted-foreground"} aria-hidden />
      <div className="grid gap-1 text-sm">
        <span className="font-medium">
          {title}
          <span className="sr-only">{done ? " (done)" : " (to do)"}</span>
        </span>
        <div className="text-muted-foreground">{children}</div>
      </div>
    </li>
  );
}

/** What a new installation still needs; each item says how to do it. */
export function FirstRunChecklist({ c }: { c: ChecklistView }) {
  const notify = useActionToast();
  const [pending, start] = useTransition();
  const done = [c.mailDelivery, c.ownMfa, c.secondAdmin, c.policyReviewed].filter(Boolean).length;
  return (
    <Card className="gap-3">
      <CardHeader>
        <CardTitle>Getting started</CardTitle>
        <CardDescription data-testid="checklist-progress">{done} of 4 done</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="divide-y">
          <Item done={c.mailDelivery} title="Mail delivery configured" testId="check-mail">
            {c.mailDelivery ? "Mail is sent over SMTP." : (
              <>Set <code>SMTP_URL</code> and restart. Until then invitations and reset links wait in the Outbox.</>
            )}
          </Item>
          <Item done={c.ownMfa} title="Two-factor on your account" testId="check-mfa">
            {c.ownMfa ? "Your account has a second factor." : (
              <>An administrator without one is the easiest account to take over. <Link className="underline" href="/account/mfa">Set up two-factor</Link></>
            )}
          </Item>
          <Item done={c.secondAdmin} title="A second administrator" testId="check-admin">
            {c.secondAdmin ? "Another active member holds a full-access role." : (
              <>If you lose access, someone else must be able to let you back in. <Link className="underline" href="/admin/users">Give someone the admin role</Link></>
            )}
          </Item>
          <Item done={c.policyReviewed} title="Password policy reviewed" testId="check-policy">
            <span className="block">
              At least {c.policy.passwordMinLength} characters; common passwords {c.policy.rejectCommonPasswords ? "refused" : "allowed"}.
              {c.policyHref && (
                <>
                  {" "}
                  <Link className="underline" href={c.policyHref}>Change it</Link>
                </>
              )}
            </span>
            {!c.policyReviewed && (
              <Button size="sm" variant="outline" className="mt-2" disabled={pending} onClick={() => start(() => notify(acknowledgePolicyAction({}), "Password policy marked as reviewed"))}>
                Mark policy as reviewed
              </Button>
            )}
          </Item>
        </ul>
      </CardContent>
    </Card>
  );
}
