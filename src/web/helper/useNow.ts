import { useEffect, useState } from 'react';

/** The time now, refreshed every `everyMs` (a time limit's "还剩 …" moves on while the page is open). */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
