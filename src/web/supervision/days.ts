/** Calendar-day arithmetic on `YYYY-MM-DD` strings (UTC, so no zone ever moves a day). */
export const addDaysTo = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
