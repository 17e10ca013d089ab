"use client";

import { useEffect, useState } from "react";

export interface JobState {
  status: string;
  total: number;
  done: number;
  error: string | null;
}

const POLL_MS = 500;
const finished = (s: JobState) => s.status === "done" || s.status === "failed";

/**
 * The job's state, asked for every 500 ms until it is done or failed. A failed request shows
 * `unreadable` and the polling goes on (the next answer clears it). The page's only polling: a
 * query library for it would be on every page's first load.
 */
export function useJobStatus(id: string, initial: JobState, unreadable: string) {
  const [state, setState] = useState(initial);
  const [error, setError] = useState<string>();
  const stop = finished(state);
  useEffect(() => {
    if (stop) return;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const res = await fetch(`/admin/jobs/${id}/status`, { cache: "no-store", signal: abort.signal });
        if (!res.ok) throw new Error(String(res.status));
        const next: JobState = await res.json();
        setState(next);
        setError(undefined);
        if (finished(next)) return;
      } catch {
        if (abort.signal.aborted) return;
        setError(unreadable);
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [id, stop, unreadable]);
  return { state, error };
}
