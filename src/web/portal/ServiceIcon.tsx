/**
 * The big pictures of 长辈版's tiles: simple line drawings (24 × 24, the text's colour), always
 * beside words — decoration for people who read pictures faster than words, hidden from screen
 * readers.
 */
const ICONS = {
  pension: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M8.5 7l3.5 4.5L15.5 7M12 11.5V18M9 13h6M9 15.5h6" />
    </>
  ),
  longevity: (
    <>
      <circle cx="10" cy="4.5" r="2" />
      <path d="M10 8v6l-3 7M10 14l3 7M10 10l5 2.5M16 12.5V22" />
    </>
  ),
  medical: (
    <>
      <rect x="3" y="3" width="18" height="18" rx="4" />
      <path d="M12 7.5v9M7.5 12h9" />
    </>
  ),
  relief: (
    <>
      <path d="M3 11l9-7 9 7M5 9.5V20h14V9.5" />
      <path d="M12 17.5s-3-2-3-4a1.5 1.5 0 0 1 3-.8 1.5 1.5 0 0 1 3 .8c0 2-3 4-3 4z" />
    </>
  ),
  card: (
    <>
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <path d="M12 8.5l1.1 2.3 2.5.3-1.8 1.7.5 2.5-2.3-1.3-2.3 1.3.5-2.5-1.8-1.7 2.5-.3z" />
    </>
  ),
  socialCard: (
    <>
      <rect x="2" y="5" width="20" height="14" rx="2" />
      <rect x="5" y="9" width="5" height="4" rx="1" />
      <path d="M13 10h6M13 14h4" />
    </>
  ),
  disability: (
    <>
      <circle cx="11" cy="4" r="1.8" />
      <path d="M11 7v6h5l2 5M11 10h4M8 10.5a5 5 0 1 0 6.5 7" />
    </>
  ),
  all: (
    <>
      <rect x="3" y="3" width="7" height="7" rx="1.5" />
      <rect x="14" y="3" width="7" height="7" rx="1.5" />
      <rect x="3" y="14" width="7" height="7" rx="1.5" />
      <rect x="14" y="14" width="7" height="7" rx="1.5" />
    </>
  ),
  phone: <path d="M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 5a2 2 0 0 1 2-2z" />,
  helper: (
    <>
      <circle cx="9" cy="7" r="3" />
      <path d="M3 20a6 6 0 0 1 12 0" />
      <circle cx="17" cy="8.5" r="2.5" />
      <path d="M15.5 14.2A5 5 0 0 1 22 19" />
    </>
  ),
  track: (
    <>
      <circle cx="10.5" cy="10.5" r="6.5" />
      <path d="M20 20l-4.8-4.8" />
    </>
  ),
  cases: <path d="M6 3h8l4 4v14H6zM14 3v4h4M9 12h6M9 16h6" />,
  person: (
    <>
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21a8 8 0 0 1 16 0" />
    </>
  ),
  map: (
    <>
      <path d="M12 21s-6.5-6.1-6.5-11a6.5 6.5 0 0 1 13 0c0 4.9-6.5 11-6.5 11z" />
      <circle cx="12" cy="10" r="2.5" />
    </>
  ),
} as const;

export type IconName = keyof typeof ICONS;

export function ServiceIcon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg className={className} viewBox="0 0 24 24" width="40" height="40" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {ICONS[name]}
    </svg>
  );
}
