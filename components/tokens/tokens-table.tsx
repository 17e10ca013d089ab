import { ClientMessages } from "@/i18n/client-messages";
import { TokensTableRows, type TokenRowView } from "./tokens-table-rows";

export type { TokenRowView };

/**
 * A user's live API tokens with revoke; used on the account page and the admin user page, so it
 * brings its own strings (the `tokens` namespace) wherever it is placed.
 */
export function TokensTable({ userId, rows }: { userId: string; rows: TokenRowView[] }) {
  return (
    <ClientMessages namespaces={["tokens"]}>
      <TokensTableRows userId={userId} rows={rows} />
    </ClientMessages>
  );
}
