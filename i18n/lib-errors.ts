/**
 * The messages lib/ throws that people see in forms, and the key each is shown under. lib/ stays
 * English (the same messages are the API's error bodies, which stay English); server actions
 * translate through this table (i18n/action-errors.ts). A message missing here is shown in English.
 * lib-errors.test.ts checks that every literal still occurs in lib/, so a reworded message fails
 * a test instead of silently losing its translation.
 */
export const LIB_ERRORS: [message: string | RegExp, key: string, params?: string[]][] = [
  // sign-in
  ["Invalid email or password", "errors.badCredentials"],
  ["This account is disabled. Contact your administrator.", "errors.accountDisabled"],
  ["You are not a member of that tenant", "errors.notMember"],
  ["This account has no tenant to sign in to", "errors.noTenant"],
  ["This sign-in has expired. Start again with your password.", "errors.signInExpired"],
  ["This sign-in has expired. Start again.", "errors.signInExpired"],
  ["This sign-in has already been completed", "errors.signInCompleted"],
  ["The code is not valid", "errors.codeInvalid"],
  [/^Too many attempts\. Try again in (\d+) s\.$/, "errors.rateLimited", ["seconds"]],
  // passkeys
  ["This passkey request has expired. Try again.", "errors.passkeyExpired"],
  ["The passkey could not be verified. Try again.", "errors.passkeyNotVerified"],
  ["The passkey could not be verified", "errors.passkeyNotVerified"],
  ["This passkey is not valid for this site. Sign in with your password.", "errors.passkeyWrongSite"],
  [/^This passkey was refused: its signature counter did not increase/, "errors.passkeyCloned"],
  ["This account has no passkey", "errors.noPasskey"],
  ["This passkey is already registered", "errors.passkeyDuplicate"],
  ["Give the passkey a name", "validation.passkeyName"],
  ["This passkey is your only way to sign in: set a password before removing it", "errors.passkeyOnlySignIn"],
  ["Two-factor authentication is required for this account: add another method before removing this passkey", "errors.passkeyLastFactor"],
  ["Enter your password to confirm", "errors.passwordToConfirm"],
  // codes, invitations, registration
  ["This link or code is invalid or has expired. Request a new one.", "errors.codeExpired"],
  ["This link is invalid or has expired. Ask for a new one.", "errors.joinLinkInvalid"],
  ["Enter the password chosen when registering", "errors.joinPassword"],
  ["Setup is already complete", "errors.setupDone"],
  // password policy
  [/^Password must be at least (\d+) characters$/, "errors.passwordTooShort", ["min"]],
  ["Password must be at most 256 characters", "errors.passwordTooLong"],
  ["This password is too common; choose another", "errors.passwordCommon"],
  ["Password must not contain your email address", "errors.passwordHasEmail"],
  // own credentials and profile
  ["Current password is incorrect", "errors.currentPasswordWrong"],
  ["Enter your current password", "validation.currentPassword"],
  ["The new password must differ from the current one", "errors.passwordUnchanged"],
  ["The two email addresses do not match", "errors.emailsMismatch"],
  ["This is already your email address", "errors.emailUnchanged"],
  ["Email is already taken", "errors.emailTaken"],
  ["This change needs a recent sign-in: sign in again (within 10 minutes) and retry", "errors.recentSignIn"],
  ["First name is at most 100 characters", "errors.firstNameTooLong"],
  ["Last name is at most 100 characters", "errors.lastNameTooLong"],
  ["Choose a time zone from the list", "errors.timeZone"],
  ["Languages are codes such as en or pt-BR", "errors.languageCode"],
  ["At most 10 languages", "errors.tooManyLanguages"],
  // two-factor
  ["The code does not match; check your device clock and try the current code", "errors.totpMismatch"],
  ["Two-factor authentication is required for this account and cannot be turned off", "errors.mfaRequired"],
  ["Set up an authenticator or a passkey first", "errors.mfaFirst"],
  // API tokens
  ["code: a two-factor code is required", "errors.tokenCodeRequired"],
  ["code: the two-factor code is not valid", "errors.codeInvalid"],
  // PGP
  ["This is not an armored OpenPGP public key", "errors.pgpNotPublic"],
  ["Paste the public key here, not the private key", "errors.pgpPrivatePasted"],
  ["The private key must be protected with a passphrase", "errors.pgpNoPassphrase"],
  ["The private key does not belong to this public key", "errors.pgpKeyMismatch"],
  // vault (the server actions; the backup routes answer like the API, in English)
  ["Enter the master key", "vault.errors.masterKey"],
  ["Length must be at least the number of enabled classes", "vault.errors.lengthClasses"],
  // vault backup import (the route answers in English with this key as `code`; the page translates it)
  ["The backup is empty", "vault.errors.backupEmpty"],
  [/^The backup is too large/, "vault.errors.backupTooLarge"],
  [/^The request body is larger than /, "vault.errors.backupTooLarge"],
  ["The backup file is corrupt (it does not decompress)", "vault.errors.backupCorrupt"],
  ["This is not a vault backup (not base64-encoded JSON)", "vault.errors.backupNotJson"],
  [/^This is not a vault backup of this app: (.+)$/, "vault.errors.backupNotOurs", ["detail"]],
  [/^The backup is inconsistent: two groups share the ref "(.*)"$/, "vault.errors.backupDuplicateRef", ["ref"]],
  ["The backup is inconsistent: an entry or group points at a missing group", "vault.errors.backupMissingGroup"],
  [/^The backup is inconsistent: group "(.*)" is its own ancestor$/, "vault.errors.backupCycle", ["ref"]],
  ["The backup contains invalid metadata", "vault.errors.backupInvalidMetadata"],
  // lib/auth/action.ts itself
  ["Your session has ended. Sign in again.", "errors.sessionEnded"],
  ["Finish the required account setup first.", "errors.finishSetup"],
  ["Something went wrong on our side. Nothing was changed; try again.", "errors.unexpected"],
  ["You do not have permission to do this", "errors.forbidden"],
  // administration (keys of the admin namespace)
  ["A group with this name already exists", "admin.errors.groupExists"],
  ["A role with this name already exists", "admin.errors.roleExists"],
  ["A tenant with this name already exists", "admin.errors.tenantExists"],
  ["Choose another live role to become the default role before retiring this one", "admin.errors.heirNeeded"],
  ["You cannot deactivate yourself", "admin.users.bulk.skipReasons.deactivateSelf"],
  // thrown by the users page's bulk action itself (app/(app)/admin/users/actions.ts)
  [/^The filter now matches ([\d,]+) user\(s\): check the list and type that number to delete them$/, "admin.errors.countChanged", ["count"]],
];

/** The key and parameters a lib message is shown under, or undefined (shown as it is). */
export function libErrorKey(message: string): { key: string; values?: Record<string, string> } | undefined {
  for (const [pattern, key, params] of LIB_ERRORS) {
    if (typeof pattern === "string") {
      if (pattern === message) return { key };
      continue;
    }
    const m = pattern.exec(message);
    if (m) return { key, values: Object.fromEntries((params ?? []).map((p, i) => [p, m[i + 1]])) };
  }
  return undefined;
}
