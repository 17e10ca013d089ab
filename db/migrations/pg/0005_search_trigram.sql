-- Search on any part of a name, email, username, group name or vault host/account: trigram GIN
-- indexes (pg_trgm) on the searched columns joined by spaces, read by ILIKE '%word%' (a word never
-- holds a space, so no match spans two columns). The expressions must stay exactly those of
-- db/dialect.ts (searchText). SQLite has FTS5 tables of the same names (db/migrations/sqlite).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "users_search" ON "users" USING gin ((("email" || ' ' || "full_name" || ' ' || coalesce("username", ''))) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "groups_search" ON "groups" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "vault_entries_search" ON "vault_entries" USING gin ((("host" || ' ' || "account")) gin_trgm_ops);
