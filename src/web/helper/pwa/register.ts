/**
 * Registers the workspace's service worker (built by pwa/build.ts into /helper-sw.js). Its scope is
 * /helper — both /helper and /helper/… — so it keeps the workspace's pages for use without signal
 * and never touches the rest of the site. Not in development (Vite's dev server has no such file).
 */
export function registerHelperServiceWorker(): void {
  if (import.meta.env.DEV || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/helper-sw.js', { scope: '/helper' }).catch(() => {
    // No offline copy this time (a private window, a browser that refuses): the workspace works online as before.
  });
}
