-- Search on any part of a name, email, username, group name or vault host/account: FTS5 tables
-- with the trigram tokenizer (case-insensitive substrings of 3+ characters), kept in step with
-- their tables by triggers. External content: the text is read from the table itself by rowid.
-- PostgreSQL has pg_trgm GIN indexes of the same names (db/migrations/pg, db/dialect.ts).
CREATE VIRTUAL TABLE `users_search` USING fts5(email, full_name, username, content='users', content_rowid='rowid', tokenize='trigram');--> statement-breakpoint
CREATE TRIGGER `users_search_insert` AFTER INSERT ON `users` BEGIN
  INSERT INTO users_search(rowid, email, full_name, username) VALUES (new.rowid, new.email, new.full_name, new.username);
END;--> statement-breakpoint
CREATE TRIGGER `users_search_delete` AFTER DELETE ON `users` BEGIN
  INSERT INTO users_search(users_search, rowid, email, full_name, username) VALUES ('delete', old.rowid, old.email, old.full_name, old.username);
END;--> statement-breakpoint
CREATE TRIGGER `users_search_update` AFTER UPDATE OF email, full_name, username ON `users` BEGIN
  INSERT INTO users_search(users_search, rowid, email, full_name, username) VALUES ('delete', old.rowid, old.email, old.full_name, old.username);
  INSERT INTO users_search(rowid, email, full_name, username) VALUES (new.rowid, new.email, new.full_name, new.username);
END;--> statement-breakpoint
INSERT INTO users_search(users_search) VALUES ('rebuild');--> statement-breakpoint
CREATE VIRTUAL TABLE `groups_search` USING fts5(name, content='groups', content_rowid='rowid', tokenize='trigram');--> statement-breakpoint
CREATE TRIGGER `groups_search_insert` AFTER INSERT ON `groups` BEGIN
  INSERT INTO groups_search(rowid, name) VALUES (new.rowid, new.name);
END;--> statement-breakpoint
CREATE TRIGGER `groups_search_delete` AFTER DELETE ON `groups` BEGIN
  INSERT INTO groups_search(groups_search, rowid, name) VALUES ('delete', old.rowid, old.name);
END;--> statement-breakpoint
CREATE TRIGGER `groups_search_update` AFTER UPDATE OF name ON `groups` BEGIN
  INSERT INTO groups_search(groups_search, rowid, name) VALUES ('delete', old.rowid, old.name);
  INSERT INTO groups_search(rowid, name) VALUES (new.rowid, new.name);
END;--> statement-breakpoint
INSERT INTO groups_search(groups_search) VALUES ('rebuild');--> statement-breakpoint
CREATE VIRTUAL TABLE `vault_entries_search` USING fts5(host, account, content='vault_entries', content_rowid='rowid', tokenize='trigram');--> statement-breakpoint
CREATE TRIGGER `vault_entries_search_insert` AFTER INSERT ON `vault_entries` BEGIN
  INSERT INTO vault_entries_search(rowid, host, account) VALUES (new.rowid, new.host, new.account);
END;--> statement-breakpoint
CREATE TRIGGER `vault_entries_search_delete` AFTER DELETE ON `vault_entries` BEGIN
  INSERT INTO vault_entries_search(vault_entries_search, rowid, host, account) VALUES ('delete', old.rowid, old.host, old.account);
END;--> statement-breakpoint
CREATE TRIGGER `vault_entries_search_update` AFTER UPDATE OF host, account ON `vault_entries` BEGIN
  INSERT INTO vault_entries_search(vault_entries_search, rowid, host, account) VALUES ('delete', old.rowid, old.host, old.account);
  INSERT INTO vault_entries_search(rowid, host, account) VALUES (new.rowid, new.host, new.account);
END;--> statement-breakpoint
INSERT INTO vault_entries_search(vault_entries_search) VALUES ('rebuild');
