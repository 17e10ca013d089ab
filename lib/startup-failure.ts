/** A configuration the server cannot run with; its message is one line naming the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/**
 * The single stderr line a failed start prints before exiting: the configuration problem as is,
 * anything else by name and first message line (no stack: the operator needs the cause, not internals).
 */
export function startupFailureLine(e: unknown) {
  if (e instanceof ConfigError) return `Cannot start: ${e.message}`;
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return `Cannot start: ${detail.split("\n")[0]}`;
}
