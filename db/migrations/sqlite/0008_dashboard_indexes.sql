CREATE INDEX `memberships_pending_idx` ON `memberships` (`tenant_id`,`user_id`) WHERE "memberships"."invited_at" is not null;--> statement-breakpoint
CREATE INDEX `users_mfa_enrolled_idx` ON `users` (`id`) WHERE "users"."mfa_enrolled";--> statement-breakpoint
CREATE INDEX `audit_tenant_action_time_idx` ON `audit_events` (`tenant_id`,`action`,`created_at`,`actor_id`,`target_id`);