/**
 * Queries on hot paths, built once and run with placeholders (`sql.placeholder`): Drizzle otherwise
 * rebuilds a query's SQL on every call, which costs more than running it on SQLite; on PostgreSQL
 * the statement is also named, so each connection parses and plans it once.
 */
interface Statement<R> {
  execute(values: Record<string, unknown>): Promise<R>;
}

export function preparedOnce<R>(name: string, build: () => { prepare(name: string): Statement<R> }) {
  let statement: Statement<R> | undefined;
  return (values: Record<string, unknown>) => (statement ??= build().prepare(name)).execute(values);
}
