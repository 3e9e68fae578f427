import { useEffect, useState } from 'preact/hooks';
import { Problem } from '../api/client';

export type Remote<T> = { state: 'idle' } | { state: 'loading' } | { state: 'done'; value: T } | { state: 'failed'; problem: Problem };

/** Runs `load` whenever `key` changes (null: nothing to load), cancelling the previous request. */
export function useRemote<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): [Remote<T>, () => void] {
  const [remote, setRemote] = useState<Remote<T>>({ state: 'idle' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (key === null) {
      setRemote({ state: 'idle' });
      return;
    }
    const controller = new AbortController();
    setRemote({ state: 'loading' });
    load(controller.signal).then(
      (value) => { if (!controller.signal.aborted) setRemote({ state: 'done', value }); },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setRemote({ state: 'failed', problem: error instanceof Problem ? error : new Problem('server', 'Something went wrong. Please try again.') });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);
  return [remote, () => setAttempt((n) => n + 1)];
}
