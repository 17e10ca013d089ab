CREATE TABLE `tenant_member_counts` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`members` integer DEFAULT 0 NOT NULL,
	`disabled` integer DEFAULT 0 NOT NULL,
	`mfa_enrolled` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Kept exact by triggers, so every path that adds, accepts, removes, disables or enrols a member
-- moves the counts in its own transaction. An account's flags count in every tenant it has
-- accepted. Deleting an account: its BEFORE DELETE trigger takes it out of each of its tenants, and
-- the cascaded membership deletes then find no account and change nothing (the row is already gone).
INSERT INTO `tenant_member_counts` (`tenant_id`, `members`, `disabled`, `mfa_enrolled`)
  SELECT t.id, count(u.id), coalesce(sum(NOT u.active), 0), coalesce(sum(u.mfa_enrolled), 0)
  FROM tenants t LEFT JOIN memberships m ON m.tenant_id = t.id AND m.invited_at IS NULL LEFT JOIN users u ON u.id = m.user_id
  GROUP BY t.id;--> statement-breakpoint
CREATE TRIGGER `tenant_member_counts_tenant` AFTER INSERT ON `tenants` BEGIN
  INSERT INTO tenant_member_counts (tenant_id) VALUES (new.id);
END;--> statement-breakpoint
CREATE TRIGGER `tenant_member_counts_join` AFTER INSERT ON `memberships` WHEN new.invited_at IS NULL BEGIN
  UPDATE tenant_member_counts SET members = tenant_member_counts.members + 1, disabled = tenant_member_counts.disabled + (NOT u.active), mfa_enrolled = tenant_member_counts.mfa_enrolled + u.mfa_enrolled
  FROM users u WHERE u.id = new.user_id AND tenant_member_counts.tenant_id = new.tenant_id;
END;--> statement-breakpoint
CREATE TRIGGER `tenant_member_counts_leave` AFTER DELETE ON `memberships` WHEN old.invited_at IS NULL BEGIN
  UPDATE tenant_member_counts SET members = tenant_member_counts.members - 1, disabled = tenant_member_counts.disabled - (NOT u.active), mfa_enrolled = tenant_member_counts.mfa_enrolled - u.mfa_enrolled
  FROM users u WHERE u.id = old.user_id AND tenant_member_counts.tenant_id = old.tenant_id;
END;--> statement-breakpoint
CREATE TRIGGER `tenant_member_counts_accept` AFTER UPDATE OF invited_at ON `memberships` WHEN (old.invited_at IS NULL) IS NOT (new.invited_at IS NULL) BEGIN
  UPDATE tenant_member_counts
  SET members = tenant_member_counts.members + iif(new.invited_at IS NULL, 1, -1),
      disabled = tenant_member_counts.disabled + iif(new.invited_at IS NULL, 1, -1) * (NOT u.active),
      mfa_enrolled = tenant_member_counts.mfa_enrolled + iif(new.invited_at IS NULL, 1, -1) * u.mfa_enrolled
  FROM users u WHERE u.id = new.user_id AND tenant_member_counts.tenant_id = new.tenant_id;
END;--> statement-breakpoint
CREATE TRIGGER `tenant_member_counts_account` AFTER UPDATE OF active, mfa_enrolled ON `users` WHEN old.active IS NOT new.active OR old.mfa_enrolled IS NOT new.mfa_enrolled BEGIN
  UPDATE tenant_member_counts SET disabled = tenant_member_counts.disabled + (NOT new.active) - (NOT old.active), mfa_enrolled = tenant_member_counts.mfa_enrolled + new.mfa_enrolled - old.mfa_enrolled
  WHERE tenant_id IN (SELECT tenant_id FROM memberships WHERE user_id = new.id AND invited_at IS NULL);
END;--> statement-breakpoint
CREATE TRIGGER `tenant_member_counts_account_delete` BEFORE DELETE ON `users` BEGIN
  UPDATE tenant_member_counts SET members = tenant_member_counts.members - 1, disabled = tenant_member_counts.disabled - (NOT old.active), mfa_enrolled = tenant_member_counts.mfa_enrolled - old.mfa_enrolled
  WHERE tenant_id IN (SELECT tenant_id FROM memberships WHERE user_id = old.id AND invited_at IS NULL);
END;
