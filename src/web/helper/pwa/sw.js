/*
 * 帮办工作台's service worker (scope /helper: /helper and every page under it; nothing else of the
 * site). Built by pwa/build.ts, which puts in place of the placeholder below the build's version and
 * the files the workspace needs: the entry chunk, the workspace's own chunks, everything they
 * import and their stylesheets, the web manifest and the icons.
 *
 * - install: keeps those files and the app shell (/helper/, the index.html every page of the
 *   single-page app is) in a cache named after the build, then takes over at once;
 * - activate: drops the caches of earlier builds;
 * - a page of the workspace: from the network (a new release shows at once), or the kept shell when
 *   the network fails or is too slow (a village's weak signal) — the app then reads the tasks the
 *   phone holds (IndexedDB) and keeps records there until they can be sent;
 * - /assets/… (hashed, never changing): from the cache, else from the network and kept.
 * API requests are left alone: the app itself decides what to keep and what to send.
 */
/* global self, caches, fetch, Request, URL, setTimeout */
'use strict';

const MANIFEST = self.__HELPER_MANIFEST__;
const PREFIX = 'bianmin-helper-';
const CACHE = PREFIX + MANIFEST.version;
const SHELL = '/helper/';
/** A page that has not come in this long is served from the phone (it keeps loading in the background for the next time). */
const PAGE_TIMEOUT_MS = 4000;

const inScope = (path) => path === '/helper' || path.startsWith('/helper/');

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // the shell fresh from the server, not from the HTTP cache
      await cache.add(new Request(SHELL, { cache: 'reload' }));
      await cache.addAll(MANIFEST.assets.concat(MANIFEST.files));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

async function page(request) {
  const network = fetch(request);
  // answered from the phone meanwhile, a failure later is nobody's business
  network.catch(() => undefined);
  const late = new Promise((resolve) => setTimeout(resolve, PAGE_TIMEOUT_MS, null));
  try {
    const response = await Promise.race([network, late]);
    if (response && response.status < 500) return response;
  } catch {
    // no connection: the shell below
  }
  const shell = await caches.match(SHELL, { cacheName: CACHE });
  if (shell) return shell;
  return network;
}

async function asset(request) {
  const kept = await caches.match(request, { ignoreVary: true });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok && new URL(request.url).pathname.startsWith('/assets/')) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    if (inScope(url.pathname)) event.respondWith(page(request));
    return;
  }
  if (url.pathname.startsWith('/assets/') || MANIFEST.files.includes(url.pathname)) event.respondWith(asset(request));
});
