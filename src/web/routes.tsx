/**
 * Every route of the web app, as route objects for the data router (App.tsx: createBrowserRouter).
 *
 * Every page is its own chunk, loaded by the route's `lazy` on the first visit: the router fetches
 * the chunks of all the routes a URL matches at once (e.g. AntdScope + WorkbenchLayout + the
 * page) and shows the new page when they have arrived, the old page staying until then. antd (and
 * its theme) loads only with the routes under the AntdScope layout route, so the public home page
 * stays light: only PortalLayout and this file are in the entry chunk.
 *
 * While the first page's chunks load, HydrateFallback shows 正在加载… (inside the portal's header
 * and footer on public pages, after the page's own heading and lead where they are fixed words:
 * portal/firstScreens.tsx). Errors (a chunk that cannot be fetched, a page that throws) show
 * RouteError in place of the page, inside its layout where the layout itself is fine.
 */
import type { ComponentType } from 'react';
import { Outlet, type RouteObject } from 'react-router';
import { NavigationFocus } from './components/PageHeading.js';
import { PageLoading } from './components/PageLoading.js';
import { RootRouteError, RouteError } from './components/RouteError.js';
import { PortalLayout } from './portal/PortalLayout.js';
import { PortalPageLoading } from './portal/firstScreens.js';

/** A route whose component is the default export of a module loaded on the first visit. */
const page = (load: () => Promise<{ default: ComponentType }>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

/** Wraps every page: after a client-side navigation, focus moves to the new page's h1 (PageHeading). */
function Root() {
  return (
    <>
      <NavigationFocus />
      <Outlet />
    </>
  );
}

const workbenchPages: RouteObject[] = [
  { index: true, ...page(() => import('./staff/WorkbenchHome.js')) },
  { path: 'accounts', ...page(() => import('./admin/AccountsPage.js')) },
  { path: 'dashboard', ...page(() => import('./supervision/DashboardPage.js')) },
  { path: 'audit', ...page(() => import('./admin/AuditPage.js')) },
  { path: 'catalogs', ...page(() => import('./admin/catalog/CatalogsPage.js')) },
  { path: 'catalogs/versions/:versionId', ...page(() => import('./admin/catalog/VersionPage.js')) },
  { path: 'catalogs/versions/:versionId/diff', ...page(() => import('./admin/catalog/DiffPage.js')) },
  { path: 'catalogs/versions/:versionId/lint', ...page(() => import('./admin/catalog/LintPage.js')) },
  { path: 'catalogs/versions/:versionId/items/:rowCode', ...page(() => import('./admin/catalog/ItemEditorPage.js')) },
  { path: 'impl-lists', ...page(() => import('./admin/catalog/ImplListsPage.js')) },
  { path: 'impl-lists/:region', ...page(() => import('./admin/catalog/ImplListPage.js')) },
  { path: 'search-synonyms', ...page(() => import('./admin/catalog/SynonymsPage.js')) },
  { path: 'themes', ...page(() => import('./admin/themes/ThemesAdminPage.js')) },
  { path: 'themes/:code', ...page(() => import('./admin/themes/ThemeEditPage.js')) },
  { path: 'item-forms', ...page(() => import('./forms/designer/ItemFormsPage.js')) },
  { path: 'item-forms/:code', ...page(() => import('./forms/designer/DesignerPage.js')) },
  { path: 'messages', ...page(() => import('./notifications/StaffMessagesPage.js')) },
  { path: 'notification-templates', ...page(() => import('./notifications/TemplatesPage.js')) },
  { path: 'cases', ...page(() => import('./cases/staff/CaseQueuePage.js')) },
  { path: 'cases/overdue', ...page(() => import('./cases/staff/OverdueReportPage.js')) },
  { path: 'cases/taken-in', ...page(() => import('./cases/staff/TakenInPage.js')) },
  { path: 'cases/:id', ...page(() => import('./cases/staff/CaseDetailPage.js')) },
  { path: 'intake', ...page(() => import('./cases/staff/IntakePage.js')) },
  { path: 'intake/theme', ...page(() => import('./cases/staff/ThemeIntakePage.js')) },
  { path: 'licences', ...page(() => import('./admin/LicencesPage.js')) },
  { path: 'terminals', ...page(() => import('./admin/TerminalsPage.js')) },
  { path: 'venue-standards', ...page(() => import('./admin/VenueStandardsPage.js')) },
  { path: 'venue-standards/checklists', ...page(() => import('./admin/VenueChecklistsPage.js')) },
  { path: 'venue-standards/checklists/new', ...page(() => import('./admin/VenueChecklistEditPage.js')) },
  { path: 'venue-standards/checklists/:id', ...page(() => import('./admin/VenueChecklistPage.js')) },
  { path: 'venue-standards/:venueId', ...page(() => import('./admin/VenueAssessmentPage.js')) },
  { path: 'service-bus', ...page(() => import('./admin/ServiceBusPage.js')) },
  { path: 'venues', ...page(() => import('./admin/VenuesPage.js')) },
  { path: 'venues/:id', ...page(() => import('./admin/VenueEditPage.js')) },
  { path: 'helpers', ...page(() => import('./admin/HelpersPage.js')) },
  { path: 'helpers/:id', ...page(() => import('./admin/HelperEditPage.js')) },
  { path: 'help-requests', ...page(() => import('./admin/HelpRequestsPage.js')) },
  { path: 'help-requests/stats', ...page(() => import('./admin/HelpRequestsStatsPage.js')) },
  { path: 'help-requests/:id', ...page(() => import('./admin/HelpRequestsDetailPage.js')) },
  { path: 'ratings', ...page(() => import('./admin/RatingsPage.js')) },
  { path: 'rating-followups', ...page(() => import('./admin/RatingFollowUpsPage.js')) },
  { path: 'rating-followups/:id', ...page(() => import('./admin/RatingFollowUpPage.js')) },
  { path: 'reform-tasks', ...page(() => import('./reform/ReformTasksPage.js')) },
  { path: 'reform-tasks/:id', ...page(() => import('./reform/ReformTaskPage.js')) },
  // 典型案例: the places write and submit (practice.submit), the city reviews (practice.review); practices/new writes one
  { path: 'practices', ...page(() => import('./practices/PracticesPage.js')) },
  { path: 'practices/:id', ...page(() => import('./practices/PracticePage.js')) },
  // 培训记录 (training.manage) and 我的培训 (every staff member)
  { path: 'training', ...page(() => import('./training/TrainingSessionsPage.js')) },
  { path: 'training/people/:id', ...page(() => import('./training/TrainingPersonPage.js')) },
  { path: 'training/:id', ...page(() => import('./training/TrainingSessionPage.js')) },
  { path: 'my-training', ...page(() => import('./training/MyTrainingPage.js')) },
  { path: '*', ...page(() => import('./staff/WorkbenchNotFound.js')) },
];

/** 帮办工作台: the helpers' phone workspace (light, installable, usable offline: src/web/helper). */
const helperPages: RouteObject[] = [
  { index: true, ...page(() => import('./helper/TasksPage.js')) },
  { path: 'tasks/:id', ...page(() => import('./helper/TaskPage.js')) },
  { path: '*', ...page(() => import('./helper/HelperNotFound.js')) },
];

const portalPages: RouteObject[] = [
  { index: true, ...page(() => import('./portal/HomePage.js')) },
  { path: 'regions/:code', ...page(() => import('./portal/RegionPage.js')) },
  { path: 'accessibility', ...page(() => import('./portal/AccessibilityPage.js')) },
  { path: 'items', ...page(() => import('./portal/catalog/SearchPage.js')) },
  { path: 'items/:code', ...page(() => import('./portal/catalog/GuidePage.js')) },
  { path: 'themes', ...page(() => import('./portal/themes/ThemesPage.js')) },
  { path: 'themes/:code', ...page(() => import('./portal/themes/ThemePage.js')) },
  { path: 'themes/:code/apply', ...page(() => import('./portal/themes/ThemeApplyPage.js')) },
  { path: 'my/themes', ...page(() => import('./portal/themes/MyThemesPage.js')) },
  { path: 'my/themes/:id', ...page(() => import('./portal/themes/MyThemePage.js')) },
  { path: 'notices', ...page(() => import('./portal/catalog/NoticesPage.js')) },
  { path: 'notices/:id', ...page(() => import('./portal/catalog/NoticePage.js')) },
  { path: 'my/messages', ...page(() => import('./notifications/MyMessagesPage.js')) },
  { path: 'my/profile', ...page(() => import('./portal/profile/ProfilePage.js')) },
  { path: 'apply/:code', ...page(() => import('./portal/apply/ApplyPage.js')) },
  { path: 'my/cases', ...page(() => import('./portal/cases/MyCasesPage.js')) },
  { path: 'my/cases/:id', ...page(() => import('./portal/cases/MyCasePage.js')) },
  { path: 'track', ...page(() => import('./portal/cases/TrackPage.js')) },
  { path: 'rate', ...page(() => import('./portal/rating/RatePage.js')) },
  // the hall's rating device (窗口评价器) or kiosk, set up once with its terminal token
  { path: 'rate/terminal', ...page(() => import('./portal/rating/TerminalRatePage.js')) },
  { path: 'help', ...page(() => import('./portal/HelpPage.js')) },
  { path: 'help/new', ...page(() => import('./portal/help/NewHelpRequestPage.js')) },
  { path: 'my/help', ...page(() => import('./portal/help/MyHelpRequestsPage.js')) },
  { path: 'my/help/:id', ...page(() => import('./portal/help/MyHelpRequestPage.js')) },
  { path: 'my/licences', ...page(() => import('./portal/licences/WalletPage.js')) },
  { path: 'my/licences/:id', ...page(() => import('./portal/licences/LicencePage.js')) },
  { path: 'my/licences/:id/show', ...page(() => import('./portal/licences/ShowPage.js')) },
  { path: 'my/licence-uses', ...page(() => import('./portal/licences/UsesPage.js')) },
  { path: 'verify', ...page(() => import('./portal/licences/VerifyPage.js')) },
  { path: 'map', ...page(() => import('./portal/map/MapPage.js')) },
  { path: 'venues/:id', ...page(() => import('./portal/map/VenuePage.js')) },
  { path: 'practices', ...page(() => import('./portal/practices/PracticesPage.js')) },
  { path: 'practices/:id', ...page(() => import('./portal/practices/PracticePage.js')) },
  {
    ...page(() => import('./components/AntdScope.js')),
    children: [
      { path: 'login', ...page(() => import('./portal/CitizenLoginPage.js')) },
      { path: 'my', ...page(() => import('./portal/MyPage.js')) },
      { path: 'staff/login', ...page(() => import('./staff/StaffLoginPage.js')) },
    ],
  },
  { path: '*', ...page(() => import('./portal/NotFoundPage.js')) },
];

export const routes: RouteObject[] = [
  {
    id: 'root',
    Component: Root,
    HydrateFallback: PageLoading,
    errorElement: <RootRouteError />,
    children: [
      {
        id: 'antd',
        ...page(() => import('./components/AntdScope.js')),
        children: [
          // 大屏: the dashboard on the hall's wall screen, without the workbench's menus
          { id: 'dashboard-wall', path: 'workbench/dashboard/wall', ...page(() => import('./supervision/WallPage.js')) },
          {
            id: 'workbench',
            path: 'workbench',
            ...page(() => import('./staff/WorkbenchLayout.js')),
            // Inside the workbench shell: its menu stays usable when a page fails.
            children: [{ id: 'workbench-pages', errorElement: <RouteError home="/workbench" homeLabel="返回工作台首页" />, children: workbenchPages }],
          },
        ],
      },
      {
        id: 'helper',
        path: 'helper',
        ...page(() => import('./helper/HelperLayout.js')),
        // Inside the workspace's shell, which checks the session and keeps working offline.
        children: [{ id: 'helper-pages', errorElement: <RouteError home="/helper/" homeLabel="返回我的任务" />, children: helperPages }],
      },
      {
        id: 'portal',
        Component: PortalLayout,
        // Inside the portal's header and footer: the first page's chunk loads, or a page fails.
        children: [{ id: 'portal-pages', HydrateFallback: PortalPageLoading, errorElement: <RouteError />, children: portalPages }],
      },
    ],
  },
];
