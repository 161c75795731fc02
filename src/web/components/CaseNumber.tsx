/**
 * A 25-digit case number as people can read and keep it: shown in groups of five (a space between
 * groups is only margin, so selecting and copying it, and screen readers, give the plain number),
 * with 「复制」. Where the clipboard is refused (an intranet over plain http), the number is put in
 * a field, selected, to copy by hand.
 */
import { useRef, useState } from 'react';
import { caseNoGroups } from '../../shared/cases.js';
import './CaseNumber.css';

export function CaseNumber({ caseNo, testId }: { caseNo: string; testId?: string }) {
  const [copied, setCopied] = useState<'' | 'ok' | 'failed'>('');
  const fieldRef = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(caseNo);
      setCopied('ok');
    } catch {
      setCopied('failed');
      requestAnimationFrame(() => fieldRef.current?.select());
    }
  };
  return (
    <span className="case-number">
      <span className="case-no" data-testid={testId}>
        {caseNoGroups(caseNo).map((g, i) => (
          <span key={i} className="case-no__group">
            {g}
          </span>
        ))}
      </span>
      <button type="button" className="bm-btn bm-btn--secondary case-number__copy" aria-label="复制办件编号" onClick={copy}>
        复制
      </button>
      <span className="case-number__status" role="status">
        {copied === 'ok' && '办件编号已复制，可以粘贴到短信或备忘录里。'}
        {copied === 'failed' && '没能自动复制，请长按下面的编号复制。'}
      </span>
      {copied === 'failed' && (
        <input ref={fieldRef} className="case-number__field" type="text" readOnly value={caseNo} aria-label="办件编号（可复制）" onFocus={(e) => e.currentTarget.select()} />
      )}
    </span>
  );
}
