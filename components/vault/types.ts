export interface EntryView {
  id: string;
  groupId: string;
  host: string;
  account: string;
  complexity: number;
  length: number;
  lowercase: boolean;
  uppercase: boolean;
  digits: boolean;
  symbols: boolean;
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
