DROP INDEX "memberships_tenant_idx";--> statement-breakpoint
DROP INDEX "users_full_name_idx";--> statement-breakpoint
DROP INDEX "users_last_login_idx";--> statement-breakpoint
CREATE INDEX "users_active_idx" ON "users" USING btree ("active","id");--> statement-breakpoint
CREATE INDEX "memberships_tenant_idx" ON "memberships" USING btree ("tenant_id","created_at","user_id");--> statement-breakpoint
CREATE INDEX "users_full_name_idx" ON "users" USING btree ("full_name","id");--> statement-breakpoint
CREATE INDEX "users_last_login_idx" ON "users" USING btree ("last_login_at" NULLS FIRST,"id");