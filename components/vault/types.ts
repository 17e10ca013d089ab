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

/** Rows-per-page choices of the entries table (kept in the URL as `size`). */
export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;

export interface Paging {
  page: number;
  size: number;
  total: number;
}
