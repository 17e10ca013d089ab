import type { DeriveInput } from "./derive";

const base: DeriveInput = { masterKey: "correct horse battery staple", host: "example.com", account: "alice", renewalDate: "", animal: "Fox", length: 16, complexity: 1, lowercase: true, uppercase: true, digits: true, symbols: true };

/** Published test vectors of algorithm fv1 (also listed in docs/vault-password-algorithm.md). */
export const VECTORS: { input: DeriveInput; password: string }[] = [
  { input: base, password: "-+4%Itze6p,8xd8t" },
  { input: { ...base, animal: "Wolf" }, password: "DXqzc-Wzekvp_o3G" },
  { input: { ...base, renewalDate: "2026-01-01" }, password: "/cfrxZnOV3gRt6QD" },
  { input: { ...base, complexity: 2, symbols: false, length: 20 }, password: "buFZhnN6IrlVIXBTJpza" },
  { input: { ...base, complexity: 3, uppercase: false, symbols: false, length: 12 }, password: "8q14r6lgmw2q" },
  { input: { ...base, masterKey: "another master key", lowercase: false, uppercase: false, symbols: false, length: 6 }, password: "426005" },
  { input: { ...base, host: "Mail.Example.ORG", account: "bob@example.org", length: 32 }, password: "7lSChy]t[m9vVwi4eE?jnhr8~4&(LIQ^" },
];
