-- The account's email, copied onto each membership beside the searched text (sqlite 0011) and
-- carried with it by a second tenant index in email order, so a search sorted by email walks the
-- tenant's members alone instead of every account of the instance, each joined to its membership
-- ('hopper' by email at a million users: see the README). Kept by the triggers below, which
-- replace 0011's; lib/ never writes it. PostgreSQL: pg 0011.
ALTER TABLE `memberships` ADD `email` text DEFAULT '' NOT NULL;--> statement-breakpoint
DROP TRIGGER `memberships_search_insert`;--> statement-breakpoint
DROP TRIGGER `memberships_search_invited`;--> statement-breakpoint
DROP TRIGGER `memberships_search_account`;--> statement-breakpoint
CREATE TRIGGER `memberships_search_insert` AFTER INSERT ON `memberships` BEGIN
  UPDATE memberships SET search_text = (
    SELECT iif(new.invited_at IS NULL, lower(u.email || ' ' || u.full_name || ' ' || coalesce(u.username, '')), lower(u.email)) FROM users u WHERE u.id = new.user_id
  ), email = coalesce((SELECT u.email FROM users u WHERE u.id = new.user_id), email) WHERE rowid = new.rowid;
END;--> statement-breakpoint
CREATE TRIGGER `memberships_search_invited` AFTER UPDATE OF invited_at, user_id ON `memberships` WHEN (old.invited_at IS NULL) IS NOT (new.invited_at IS NULL) OR old.user_id IS NOT new.user_id BEGIN
  UPDATE memberships SET search_text = (
    SELECT iif(new.invited_at IS NULL, lower(u.email || ' ' || u.full_name || ' ' || coalesce(u.username, '')), lower(u.email)) FROM users u WHERE u.id = new.user_id
  ), email = coalesce((SELECT u.email FROM users u WHERE u.id = new.user_id), email) WHERE rowid = new.rowid;
END;--> statement-breakpoint
CREATE TRIGGER `memberships_search_account` AFTER UPDATE OF email, full_name, username ON `users`
WHEN old.email IS NOT new.email OR old.full_name IS NOT new.full_name OR old.username IS NOT new.username BEGIN
  UPDATE memberships SET search_text = iif(invited_at IS NULL, lower(new.email || ' ' || new.full_name || ' ' || coalesce(new.username, '')), lower(new.email)), email = new.email
  WHERE user_id = new.id;
END;--> statement-breakpoint
UPDATE `memberships` SET `email` = coalesce((SELECT u.email FROM users u WHERE u.id = `memberships`.`user_id`), '');--> statement-breakpoint
CREATE INDEX `memberships_tenant_email_idx` ON `memberships` (`tenant_id`,`email`,`user_id`,`search_text`);--> statement-breakpoint
ANALYZE `memberships`;
