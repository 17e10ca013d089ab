import { createdAt, id, index, integer, json, table, text, ts, updatedAt } from "./kit";

export const auditEvents = table(
  "audit_events",
  {
    id: id(),
    tenantId: text("tenant_id"),
    actorId: text("actor_id"),
    actorEmail: text("actor_email").notNull().default(""),
    action: text("action").notNull(),
    targetType: text("target_type").notNull().default(""),
    targetId: text("target_id"),
    targetLabel: text("target_label").notNull().default(""),
    ip: text("ip").notNull().default(""),
    data: json<Record<string, unknown>>("data").notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_tenant_time_idx").on(t.tenantId, t.createdAt),
    // The dashboard's sign-in figures (lib/dashboard/figures.ts): one action's days as an index
    // range holding the actor and target too, so counting reads no event row.
    index("audit_tenant_action_time_idx").on(t.tenantId, t.action, t.createdAt, t.actorId, t.targetId),
    index("audit_target_idx").on(t.targetId, t.createdAt),
    index("audit_actor_idx").on(t.actorId, t.createdAt),
  ],
);

/**
 * Outgoing mail, and the queue it leaves from. With SMTP_URL set a message is "queued" and any
 * instance's mail worker sends it (leased, retried with backoff); unset, it is "stored": the outbox
 * shown to admins.
 */
export const emails = table(
  "emails",
  {
    id: id(),
    tenantId: text("tenant_id"),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    links: json<{ label: string; url: string }[]>("links").notNull().default([]),
    status: text("status", { enum: ["queued", "stored", "sent", "failed"] }).notNull(),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    /** Queued mail is due from then on (retries back off). */
    nextAttemptAt: ts("next_attempt_at"),
    /** A worker holds the message until then; past it, another instance may take it over. */
    leaseUntil: ts("lease_until"),
    createdAt: createdAt(),
  },
  (t) => [index("emails_time_idx").on(t.createdAt), index("emails_due_idx").on(t.status, t.nextAttemptAt)],
);

/**
 * Background jobs (bulk delete and friends): rows any instance may claim with a lease. Each batch
 * applies its items and advances `done` in one transaction, so a job resumed by another instance
 * after a crash applies every item exactly once.
 */
export const jobs = table(
  "jobs",
  {
    id: id(),
    tenantId: text("tenant_id").notNull(),
    kind: text("kind").notNull(),
    status: text("status", { enum: ["queued", "running", "done", "failed"] }).notNull(),
    total: integer("total").notNull().default(0),
    done: integer("done").notNull().default(0),
    error: text("error"),
    input: json<Record<string, unknown>>("input").notNull().default({}),
    /** What the job works through, in order; `done` is the cursor into it. */
    items: json<string[]>("items").notNull().default([]),
    leaseOwner: text("lease_owner"),
    leaseUntil: ts("lease_until"),
    createdBy: text("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: ts("finished_at"),
  },
  (t) => [index("jobs_tenant_idx").on(t.tenantId, t.createdAt), index("jobs_status_idx").on(t.status, t.leaseUntil)],
);
