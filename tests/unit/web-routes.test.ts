/**
 * The web app's route table (src/web/routes.tsx) for the data router: every page the browser
 * journeys visit (tests/e2e/routes.ts) resolves to its own lazily loaded route under the right
 * layout, unknown addresses reach the right 页面不存在, and failures have an error element.
 * Matching needs no DOM (the project's unit tests run in Node); the pages' code is not loaded.
 */
import { matchRoutes, type RouteObject } from 'react-router';
import { describe, expect, it } from 'vitest';
import { routes } from '../../src/web/routes.js';
import { CITIZEN_ROUTES, PUBLIC_ROUTES, STAFF_ROUTES } from '../e2e/routes.js';

/** The ids of the layout routes a URL goes through, and the matched page route. */
function resolve(url: string): { layouts: string[]; leaf: RouteObject } {
  const matches = matchRoutes(routes, url);
  expect(matches, url).not.toBeNull();
  return { layouts: matches!.map((m) => m.route.id).filter((id): id is string => id !== undefined), leaf: matches!.at(-1)!.route };
}

function* allRoutes(list: RouteObject[]): Generator<RouteObject> {
  for (const r of list) {
    yield r;
    if (r.children) yield* allRoutes(r.children);
  }
}

describe('web routes', () => {
  it('resolves every page of the browser journeys to its own lazy route, under the right layout', () => {
    for (const r of [...PUBLIC_ROUTES, ...CITIZEN_ROUTES, ...STAFF_ROUTES]) {
      const { layouts, leaf } = resolve(r.path);
      expect(typeof leaf.lazy, r.path).toBe('function');
      expect(leaf.path === '*', `${r.path} reaches 页面不存在`).toBe(r.name === 'not-found');
      if (r.path.startsWith('/helper')) expect(layouts, r.path).toEqual(['root', 'helper', 'helper-pages']);
      // the wall screen (大屏) is a staff page without the workbench's menus
      else if (r.path.startsWith('/workbench/dashboard/wall')) expect(layouts, r.path).toEqual(['root', 'antd', 'dashboard-wall']);
      else if (r.who === 'staff') expect(layouts, r.path).toEqual(['root', 'antd', 'workbench', 'workbench-pages']);
      else expect(layouts, r.path).toEqual(['root', 'portal', 'portal-pages']);
    }
  });

  it('sends unknown addresses to the 页面不存在 of the portal or of the workbench', () => {
    expect(resolve('/no/such/page')).toMatchObject({ layouts: ['root', 'portal', 'portal-pages'], leaf: { path: '*' } });
    expect(resolve('/workbench/no/such/page')).toMatchObject({ layouts: ['root', 'antd', 'workbench', 'workbench-pages'], leaf: { path: '*' } });
    expect(resolve('/helper/no/such/page')).toMatchObject({ layouts: ['root', 'helper', 'helper-pages'], leaf: { path: '*' } });
  });

  it('keeps antd out of the public pages that do not need it', () => {
    for (const url of ['/', '/items', '/items/37050100100001', '/regions/370883001', '/track', '/apply/37050100100001', '/helper', '/helper/tasks/x']) {
      expect(resolve(url).layouts, url).not.toContain('antd');
    }
    // The sign-in pages and 我的 sit in the portal's antd scope (a pathless lazy route).
    const login = matchRoutes(routes, '/staff/login')!;
    expect(login.at(-2)!.route.lazy).toBeTypeOf('function');
    expect(login.at(-2)!.route.path).toBeUndefined();
  });

  it('loads every page lazily; only the root and the portal layout are in the entry chunk', () => {
    const eager = [...allRoutes(routes)].filter((r) => r.Component || r.element).map((r) => r.id);
    expect(eager).toEqual(['root', 'portal']);
  });

  it('shows an error element for a page that fails, inside its layout, and for a layout that fails', () => {
    const withError = [...allRoutes(routes)].filter((r) => r.errorElement);
    expect(withError.map((r) => r.id)).toEqual(['root', 'workbench-pages', 'helper-pages', 'portal-pages']);
    const root = routes[0];
    expect(root.HydrateFallback).toBeTypeOf('function');
  });
});
