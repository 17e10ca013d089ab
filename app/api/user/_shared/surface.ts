import { STATUS, type Surface } from "@/app/api/_shared/surface";
import { VaultError } from "@/lib/vault/vault";

/** Forgiva: 401 with an empty body when not signed in; other failures carry OperationResult.error. */
export const forgiva: Surface = {
  name: "Forgiva",
  emptyUnauthorized: true,
  error(kind, message) {
    return { status: STATUS[kind], body: { error: message } };
  },
};

export const BASE = "/api/user";

export interface OperationResult {
  error?: string;
  info?: string;
  resultData?: string;
  affectedRecords?: string[];
}

/** Domain failures answer HTTP 200 with OperationResult.error, as Forgiva clients expect. */
export async function domain<T, E>(fn: () => T | Promise<T>, onError: (error: string) => E): Promise<T | E> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof VaultError) return onError(e.message);
    throw e;
  }
}
