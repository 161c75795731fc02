/** Only same-site paths are followed after sign-in (no open redirects). */
export const safeNext = (next: string | null | undefined, fallback: string): string =>
  next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback;
