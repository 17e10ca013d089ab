import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id, json, ts, updatedAt } from "./_columns";

export const auditEvents = sqliteTable(
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
    index("audit_target_idx").on(t.targetId, t.createdAt),
    index("audit_actor_idx").on(t.actorId, t.createdAt),
  ],
);

/** Outgoing mail. With SMTP_URL unset, this table is the outbox shown to admins. */
export const emails = sqliteTable(
  "emails",
  {
    id: id(),
    tenantId: text("tenant_id"),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    links: json<{ label: string; url: string }[]>("links").notNull().default([]),
    status: text("status", { enum: ["stored", "sent", "failed"] }).notNull(),
    error: text("error"),
    createdAt: createdAt(),
  },
  (t) => [index("emails_time_idx").on(t.createdAt)],
);

/** Background jobs (bulk delete and friends) with progress that survives a reload. */
export const jobs = sqliteTable(
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
    createdBy: text("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: ts("finished_at"),
  },
  (t) => [index("jobs_tenant_idx").on(t.tenantId, t.createdAt)],
);
