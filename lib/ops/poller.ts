/**
 * The loop each instance runs for a kind of background work (jobs, mail): a pass every `intervalMs`
 * (work left by an instance that died is found once its lease lapses), one pass at a time, another
 * pass at once on kick() (work this instance just queued), and a stop that lets the pass in flight
 * finish. Passes check `stopping` between items.
 */
export function poller(name: string, intervalMs: number, pass: () => Promise<void>) {
  let timer: NodeJS.Timeout | undefined;
  let working: Promise<void> | undefined;
  const state = { stopping: false };
  const kick = () => {
    if (!timer || state.stopping || working) return;
    working = pass()
      .catch((e: unknown) => console.error(`${name}: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => (working = undefined));
  };
  return {
    state,
    kick,
    start() {
      state.stopping = false;
      timer ??= setInterval(kick, intervalMs);
      kick();
    },
    async stop() {
      state.stopping = true;
      clearInterval(timer);
      timer = undefined;
      await working;
    },
  };
}
