// The global sheet first: component stylesheets imported below come after it in the entry's CSS.
import './styles.css';
import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { applyA11yDocument, getPrefs } from './a11y/prefs.js';
import { App } from './App.js';

// The public pages' display settings (长辈版, text size, contrast) apply before the first paint.
if (!window.location.pathname.startsWith('/workbench')) applyA11yDocument(getPrefs());

// index.html's <title> names the page until the page's own <title> (PageHeading) arrives: two
// <title> elements would be invalid HTML, so the first one then leaves.
const firstTitle = document.head.querySelector('title');
new MutationObserver((_, observer) => {
  if (document.head.querySelectorAll('title').length > 1) {
    firstTitle?.remove();
    observer.disconnect();
  }
}).observe(document.head, { childList: true });

// The first render as a transition: React renders in slices of a few milliseconds and lets the
// browser run in between, instead of one long task that a slow phone cannot answer a tap during
// (Lighthouse's Total Blocking Time). What is painted, and when, is the same.
startTransition(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
