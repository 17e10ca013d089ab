import { ClientMessages } from "@/i18n/client-messages";

/** The vault pages' client components get their strings (see i18n/client-messages). */
export default function VaultLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["vault"]}>{children}</ClientMessages>;
}
