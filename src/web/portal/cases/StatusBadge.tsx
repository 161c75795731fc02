import type { CaseStatus } from '../../../shared/cases.js';
import './StatusBadge.css';

const TONE: Partial<Record<CaseStatus, string>> = {
  correction: 'warn', approved: 'ok', delivered: 'ok', denied: 'bad', refused: 'bad', withdrawn: 'muted', terminated: 'muted',
};

/** The status in words, with a colour that is never the only signal. */
export function StatusBadge({ status, label }: { status: CaseStatus; label: string }) {
  return <span className={`status-badge status-badge--${TONE[status] ?? 'open'}`}>{label}</span>;
}
