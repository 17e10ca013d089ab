import type { EntryInput } from "@/lib/vault/vault";

/** An entry as the vault page receives it (a type-only import: no server code reaches the client). */
export interface EntryView extends EntryInput {
  id: string;
  lastRenewal: string;
  generatedBefore: boolean;
}

export interface VaultSettings {
  scramble: boolean;
  askOnce: boolean;
  noMasterKey: boolean;
  showNotCopy: boolean;
  defaultLength: number;
  defaultComplexity: number;
}
