DROP INDEX "users_last_login_idx";--> statement-breakpoint
CREATE INDEX "users_last_login_idx" ON "users" USING btree ("last_login_at" NULLS FIRST);