import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "drizzle-orm";

/**
 * Counts the statements a piece of work sends to the database (BEGIN and COMMIT included: on
 * PostgreSQL each is a round trip), so tests can pin how many a request costs. Only work started
 * inside countQueries is counted, even while other work runs; outside it the logger does nothing.
 */
const counting = new AsyncLocalStorage<string[]>();

export const queryCounter: Logger = { logQuery: (query) => void counting.getStore()?.push(query) };

export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  const result = await counting.run(queries, fn);
  return { result, queries };
}
