import type { MouseEvent, ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert.js';
import './ErrorSummary.css';

/** One problem of the form: what is wrong, and where (the link takes the person there). */
export interface SummaryItem {
  key: string;
  text: string;
  /** the id of the field (or of the group or row holding it) the link goes to */
  target?: string;
  /** moves the focus to the field itself; by default focusElement(target) */
  focus?: () => void;
}

const FOCUSABLE = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Focuses an element by id, or when it is a group (a fieldset, a list row) the control inside it
 * that the person answers with — a chosen radio first — scrolling it to the middle of the screen.
 * False when there is no such element.
 */
export function focusElement(id: string): boolean {
  return focusWithin(document.getElementById(id));
}

/** focusElement for an element found otherwise. */
export function focusWithin(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  const control = el.matches(FOCUSABLE) ? el : (el.querySelector<HTMLElement>('input[type="radio"]:checked:not([disabled])') ?? el.querySelector<HTMLElement>(FOCUSABLE));
  el.scrollIntoView({ block: 'center' });
  (control ?? el).focus({ preventScroll: true });
  return true;
}

/**
 * An error summary: every problem found in one go, each a link to its field (which shows its own
 * message too), under a title that says what to do. Announced at once (role="alert"); the page
 * moves the focus to it after a failed submit.
 */
export function ErrorSummary({ title, items, children }: { title: ReactNode; items: SummaryItem[]; children?: ReactNode }) {
  const go = (e: MouseEvent, item: SummaryItem) => {
    e.preventDefault();
    if (item.focus) item.focus();
    else if (item.target) focusElement(item.target);
  };
  return (
    <ErrorAlert
      title={title}
      description={
        items.length || children ? (
          <>
            {items.length > 0 && (
              <ul className="error-summary__list">
                {items.map((item) => (
                  <li key={item.key}>
                    {item.target || item.focus ? (
                      <a href={item.target ? `#${item.target}` : '#'} onClick={(e) => go(e, item)}>
                        {item.text}
                      </a>
                    ) : (
                      item.text
                    )}
                  </li>
                ))}
              </ul>
            )}
            {children}
          </>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
