import type { MouseEvent } from 'react';

/** First focusable element of every page: jumps past the header to the main content. */
export function SkipLink({ target = 'main' }: { target?: string }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    const el = document.getElementById(target);
    if (!el) return;
    e.preventDefault();
    el.focus();
    el.scrollIntoView();
  };
  return (
    <a className="skip-link" href={`#${target}`} onClick={onClick}>
      跳到主要内容
    </a>
  );
}
