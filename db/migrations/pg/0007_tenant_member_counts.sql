CREATE TABLE "tenant_member_counts" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"members" integer DEFAULT 0 NOT NULL,
	"disabled" integer DEFAULT 0 NOT NULL,
	"mfa_enrolled" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenant_member_counts" ADD CONSTRAINT "tenant_member_counts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Kept exact by triggers, so every path that adds, accepts, removes, disables or enrols a member
-- moves the counts in its own transaction. Statement-level with transition tables: a statement
-- that adds or changes many rows (bulk SQL) updates each tenant's row once, not once per row (one
-- row updated a million times in a transaction would walk an ever longer chain of its versions).
-- Deleting an account: a row trigger takes it out of each of its tenants first; the cascaded
-- membership deletes then find no account and change nothing.
INSERT INTO "tenant_member_counts" ("tenant_id", "members", "disabled", "mfa_enrolled")
  SELECT t.id, count(u.id), coalesce(sum((NOT u.active)::int), 0), coalesce(sum(u.mfa_enrolled::int), 0)
  FROM tenants t LEFT JOIN memberships m ON m.tenant_id = t.id AND m.invited_at IS NULL LEFT JOIN users u ON u.id = m.user_id
  GROUP BY t.id;--> statement-breakpoint
CREATE FUNCTION tenant_member_counts_tenant() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tenant_member_counts (tenant_id) SELECT id FROM new_rows;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER tenant_member_counts_tenant AFTER INSERT ON tenants REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_member_counts_tenant();--> statement-breakpoint
-- Memberships added (sign 1) or removed (sign -1): both triggers name their transition table
-- `changed`, so one function serves both.
CREATE FUNCTION tenant_member_counts_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sign int := TG_ARGV[0]::int;
BEGIN
  UPDATE tenant_member_counts c SET members = c.members + sign * d.n, disabled = c.disabled + sign * d.disabled, mfa_enrolled = c.mfa_enrolled + sign * d.mfa
  FROM (SELECT m.tenant_id, count(*) AS n, sum((NOT u.active)::int) AS disabled, sum(u.mfa_enrolled::int) AS mfa
        FROM changed m JOIN users u ON u.id = m.user_id WHERE m.invited_at IS NULL GROUP BY m.tenant_id) d
  WHERE c.tenant_id = d.tenant_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER tenant_member_counts_join AFTER INSERT ON memberships REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION tenant_member_counts_move('1');--> statement-breakpoint
CREATE TRIGGER tenant_member_counts_leave AFTER DELETE ON memberships REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION tenant_member_counts_move('-1');--> statement-breakpoint
CREATE FUNCTION tenant_member_counts_accept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tenant_member_counts c SET members = c.members + d.n, disabled = c.disabled + d.disabled, mfa_enrolled = c.mfa_enrolled + d.mfa
  FROM (SELECT n.tenant_id, sum(s.sign) AS n, sum(s.sign * (NOT u.active)::int) AS disabled, sum(s.sign * u.mfa_enrolled::int) AS mfa
        FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN users u ON u.id = n.user_id
        -- sign: 1 for an invitation accepted, -1 for a member turned back into an invitation.
        CROSS JOIN LATERAL (SELECT CASE WHEN n.invited_at IS NULL THEN 1 ELSE -1 END AS sign) s
        WHERE (o.invited_at IS NULL) <> (n.invited_at IS NULL) GROUP BY n.tenant_id) d
  WHERE c.tenant_id = d.tenant_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER tenant_member_counts_accept AFTER UPDATE ON memberships REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_member_counts_accept();--> statement-breakpoint
CREATE FUNCTION tenant_member_counts_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tenant_member_counts c SET disabled = c.disabled + d.disabled, mfa_enrolled = c.mfa_enrolled + d.mfa
  FROM (SELECT m.tenant_id, sum((NOT n.active)::int - (NOT o.active)::int) AS disabled, sum(n.mfa_enrolled::int - o.mfa_enrolled::int) AS mfa
        FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN memberships m ON m.user_id = n.id AND m.invited_at IS NULL
        WHERE n.active IS DISTINCT FROM o.active OR n.mfa_enrolled IS DISTINCT FROM o.mfa_enrolled GROUP BY m.tenant_id) d
  WHERE c.tenant_id = d.tenant_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER tenant_member_counts_account AFTER UPDATE ON users REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_member_counts_account();--> statement-breakpoint
CREATE FUNCTION tenant_member_counts_account_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tenant_member_counts c SET members = c.members - 1, disabled = c.disabled - (NOT OLD.active)::int, mfa_enrolled = c.mfa_enrolled - OLD.mfa_enrolled::int
  FROM memberships m WHERE m.user_id = OLD.id AND m.invited_at IS NULL AND c.tenant_id = m.tenant_id;
  RETURN OLD;
END $$;--> statement-breakpoint
CREATE TRIGGER tenant_member_counts_account_delete BEFORE DELETE ON users FOR EACH ROW EXECUTE FUNCTION tenant_member_counts_account_delete();
