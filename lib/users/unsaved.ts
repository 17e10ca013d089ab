import { fullNameOf, normalizeEmail, type NewUser, type UserRow } from "./records";

/**
 * The row insertUser would write for these values, never stored. Answers that must not tell a
 * taken address from a free one are built from it: self-registration of a taken address (a fresh
 * id that leads nowhere) and an admin adding an account of another tenant (its real id, so the
 * invitation can be withdrawn, but every other field from the admin's input).
 */
export function unsavedUser(values: NewUser, id: string = crypto.randomUUID(), now = new Date()): UserRow {
  const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as NewUser;
  return {
    username: null,
    firstName: "",
    middleName: "",
    lastName: "",
    companyName: "",
    birthDate: null,
    imageUrl: null,
    mobilePhone: null,
    timezone: "UTC",
    preferredLanguages: [],
    data: {},
    passwordHash: null,
    passwordChangeRequired: false,
    passwordUpdatedAt: null,
    credentialsEpoch: 0,
    active: true,
    verified: false,
    isSuperAdmin: false,
    mfaRequired: false,
    mfaEnrolled: false,
    quota: null,
    lastLoginAt: null,
    successfulLogins: 0,
    createdAt: now,
    updatedAt: now,
    changedBy: null,
    ...given,
    id,
    email: normalizeEmail(given.email),
    fullName: fullNameOf(given),
  };
}
