-- The account's email, copied onto each membership beside the searched text (pg 0010) and carried
-- with it by a second tenant index in email order, so a search sorted by email walks the tenant's
-- members alone (an index-only scan) instead of every account of the instance. Kept by the
-- functions below, which replace 0010's; lib/ never writes it. The backfill rewrites every
-- membership: VACUUM afterwards. SQLite: sqlite 0012.
ALTER TABLE "memberships" ADD COLUMN "email" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION memberships_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_text := (SELECT CASE WHEN NEW.invited_at IS NULL THEN u.search_text ELSE lower(u.email) END FROM users u WHERE u.id = NEW.user_id);
  -- No account: left as it is, so the foreign key, not this column, refuses the row.
  NEW.email := coalesce((SELECT u.email FROM users u WHERE u.id = NEW.user_id), NEW.email);
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION memberships_search_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE memberships SET search_text = CASE WHEN invited_at IS NULL THEN NEW.search_text ELSE lower(NEW.email) END, email = NEW.email WHERE user_id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
-- Also on an email change the lower-cased text would not show (only its case).
DROP TRIGGER memberships_search_account ON users;--> statement-breakpoint
CREATE TRIGGER memberships_search_account AFTER UPDATE OF email, full_name, username ON users FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text OR OLD.email IS DISTINCT FROM NEW.email) EXECUTE FUNCTION memberships_search_account();--> statement-breakpoint
-- After the functions: an instance still running the old release may change an account meanwhile.
UPDATE "memberships" m SET "email" = u.email FROM "users" u WHERE u.id = m.user_id;--> statement-breakpoint
CREATE INDEX "memberships_tenant_email_idx" ON "memberships" USING btree ("tenant_id","email","user_id","search_text");--> statement-breakpoint
ANALYZE "memberships";
