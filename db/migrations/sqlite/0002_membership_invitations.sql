ALTER TABLE `memberships` ADD `invited_at` integer;--> statement-breakpoint
ALTER TABLE `one_time_codes` ADD `password_hash` text;