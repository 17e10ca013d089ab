import { useTranslations } from "next-intl";

/** What the browser said, in words a person can act on, in their language. */
export function useWebauthnMessage() {
  const t = useTranslations("webauthn");
  return (e: unknown) => {
    const name = e instanceof Error ? e.name : "";
    if (name === "NotAllowedError" || name === "AbortError") return t("closed");
    if (name === "InvalidStateError") return t("alreadyRegistered");
    return t("failed");
  };
}
