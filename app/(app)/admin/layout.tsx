import { ClientMessages } from "@/i18n/client-messages";

/**
 * The admin pages' client components get their strings (see i18n/client-messages). A nested
 * provider replaces the outer one's messages, so the shared areas the admin pages also render
 * (confirmations and fields from components/forms, the user page's token table) come along; a
 * namespace the catalogue does not have is skipped.
 */
export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["admin", "forms", "tokens"]}>{children}</ClientMessages>;
}
