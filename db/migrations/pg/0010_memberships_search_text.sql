-- What a search of the users table matches, copied onto each membership: the account's stored
-- search_text (pg 0008), or only its email while the membership is a pending invitation (that is
-- all it shows), carried by the tenant's newest-first index, so a search sorted by membership date
-- tests members in that index alone (an index-only scan: "linus tor" at a million users 47-54 ->
-- 3-4 ms) and joins only the matches to their accounts. Kept by the triggers below; lib/ never
-- writes it. The backfill rewrites every membership: VACUUM afterwards. SQLite: sqlite 0011.
DROP INDEX "memberships_tenant_idx";--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "search_text" text;--> statement-breakpoint
CREATE FUNCTION memberships_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_text := (SELECT CASE WHEN NEW.invited_at IS NULL THEN u.search_text ELSE lower(u.email) END FROM users u WHERE u.id = NEW.user_id);
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER memberships_search_text BEFORE INSERT OR UPDATE OF invited_at, user_id ON memberships FOR EACH ROW EXECUTE FUNCTION memberships_search_text();--> statement-breakpoint
-- AFTER: the account's generated search_text is computed by then.
CREATE FUNCTION memberships_search_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE memberships SET search_text = CASE WHEN invited_at IS NULL THEN NEW.search_text ELSE lower(NEW.email) END WHERE user_id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER memberships_search_account AFTER UPDATE OF email, full_name, username ON users FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text) EXECUTE FUNCTION memberships_search_account();--> statement-breakpoint
-- After the triggers: an instance still running the old release may change an account meanwhile.
UPDATE "memberships" m SET "search_text" = CASE WHEN m.invited_at IS NULL THEN u.search_text ELSE lower(u.email) END FROM "users" u WHERE u.id = m.user_id;--> statement-breakpoint
CREATE INDEX "memberships_tenant_idx" ON "memberships" USING btree ("tenant_id","created_at","user_id","search_text");--> statement-breakpoint
ANALYZE "memberships";
