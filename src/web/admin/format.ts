const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-27 14:03" (or "11-27 14:03" when `short`), in the browser's time zone. */
export function formatDateTime(iso: string, short = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return short ? `${date} ${time}` : `${d.getFullYear()}-${date} ${time}`;
}
