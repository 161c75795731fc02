import type { ReactNode, Ref } from 'react';
import '../../components/notice.css';

/** One problem: the field's name, what is wrong, and the element the link takes the person to. */
export interface Problem {
  key: string;
  label: string;
  message: string;
  /** the id of the field (or of the part of the page holding it) */
  target: string;
}

/** Focuses the element by id, or the first control inside it (a group, the village picker), and scrolls it into the middle. */
export function focusField(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  // In a group: an open choice (the village picker's select) first, then a chosen box, then any control.
  const control = el.matches('input, select, textarea, button')
    ? el
    : (el.querySelector<HTMLElement>('select') ?? el.querySelector<HTMLElement>('input:checked') ?? el.querySelector<HTMLElement>('input, textarea, button'));
  el.scrollIntoView({ block: 'center' });
  (control ?? el).focus({ preventScroll: true });
}

/**
 * The public pages' error summary (no antd there, so not components/ErrorSummary): a general
 * message and every problem still open, each a link to its field, which shows its own message too.
 * The page moves the focus here after a failed submit, so it is read out at once.
 */
export function ProblemSummary({ general, problems, what = '', testId, children, ref }: {
  general?: ReactNode;
  problems: Problem[];
  /** what has not happened yet, before the count: 求助还没有提交， */
  what?: string;
  testId?: string;
  children?: ReactNode;
  ref?: Ref<HTMLDivElement>;
}) {
  return (
    <div ref={ref} className="notice notice--error help-problems" tabIndex={-1} data-testid={testId}>
      {general && <p>{general}</p>}
      {problems.length > 0 && (
        <>
          <p>
            {what}有 {problems.length} 处需要修改：
          </p>
          <ul>
            {problems.map((p) => (
              <li key={p.key}>
                <a
                  href={`#${p.target}`}
                  onClick={(e) => {
                    e.preventDefault();
                    focusField(p.target);
                  }}
                >
                  {p.label}：{p.message}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {children}
    </div>
  );
}
