import { ClientMessages } from "@/i18n/client-messages";

/** The account pages' client components get their strings (see i18n/client-messages). */
export default function AccountLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["account", "webauthn"]}>{children}</ClientMessages>;
}
