/** What the browser said, in words a person can act on. */
export function webauthnMessage(e: unknown) {
  const name = e instanceof Error ? e.name : "";
  if (name === "NotAllowedError" || name === "AbortError") return "The passkey prompt was closed or timed out.";
  if (name === "InvalidStateError") return "This device already holds a passkey for your account.";
  return e instanceof Error ? e.message : "The passkey could not be used.";
}
