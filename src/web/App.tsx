import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError } from './api/client.js';
import { ME_KEY } from './api/session.js';
import { NavigationFocus } from './components/PageHeading.js';
import { PageLoading } from './components/PageLoading.js';
import { PortalLayout } from './portal/PortalLayout.js';

// Every page is its own chunk. antd (and its theme) loads only with the routes that use it,
// through the AntdScope layout route, so the public home page stays light.
const AntdScope = lazy(() => import('./components/AntdScope.js'));
const HomePage = lazy(() => import('./portal/HomePage.js'));
const RegionPage = lazy(() => import('./portal/RegionPage.js'));
const AccessibilityPage = lazy(() => import('./portal/AccessibilityPage.js'));
const NotFoundPage = lazy(() => import('./portal/NotFoundPage.js'));
const CitizenLoginPage = lazy(() => import('./portal/CitizenLoginPage.js'));
const MyPage = lazy(() => import('./portal/MyPage.js'));
const SearchPage = lazy(() => import('./portal/catalog/SearchPage.js'));
const GuidePage = lazy(() => import('./portal/catalog/GuidePage.js'));
const NoticesPage = lazy(() => import('./portal/catalog/NoticesPage.js'));
const NoticePage = lazy(() => import('./portal/catalog/NoticePage.js'));
const ApplyPage = lazy(() => import('./portal/apply/ApplyPage.js'));
const MyCasesPage = lazy(() => import('./portal/cases/MyCasesPage.js'));
const MyCasePage = lazy(() => import('./portal/cases/MyCasePage.js'));
const TrackPage = lazy(() => import('./portal/cases/TrackPage.js'));
const StaffLoginPage = lazy(() => import('./staff/StaffLoginPage.js'));
const WorkbenchLayout = lazy(() => import('./staff/WorkbenchLayout.js'));
const WorkbenchHome = lazy(() => import('./staff/WorkbenchHome.js'));
const WorkbenchNotFound = lazy(() => import('./staff/WorkbenchNotFound.js'));
const AccountsPage = lazy(() => import('./admin/AccountsPage.js'));
const AuditPage = lazy(() => import('./admin/AuditPage.js'));
const CatalogsPage = lazy(() => import('./admin/catalog/CatalogsPage.js'));
const CatalogVersionPage = lazy(() => import('./admin/catalog/VersionPage.js'));
const CatalogDiffPage = lazy(() => import('./admin/catalog/DiffPage.js'));
const CatalogLintPage = lazy(() => import('./admin/catalog/LintPage.js'));
const CatalogItemPage = lazy(() => import('./admin/catalog/ItemEditorPage.js'));
const ImplListsPage = lazy(() => import('./admin/catalog/ImplListsPage.js'));
const ImplListPage = lazy(() => import('./admin/catalog/ImplListPage.js'));
const SynonymsPage = lazy(() => import('./admin/catalog/SynonymsPage.js'));
const ItemFormsPage = lazy(() => import('./forms/designer/ItemFormsPage.js'));
const FormDesignerPage = lazy(() => import('./forms/designer/DesignerPage.js'));
const StaffMessagesPage = lazy(() => import('./notifications/StaffMessagesPage.js'));
const NotificationTemplatesPage = lazy(() => import('./notifications/TemplatesPage.js'));
const MyMessagesPage = lazy(() => import('./notifications/MyMessagesPage.js'));
const CaseQueuePage = lazy(() => import('./cases/staff/CaseQueuePage.js'));
const CaseDetailPage = lazy(() => import('./cases/staff/CaseDetailPage.js'));
const CaseIntakePage = lazy(() => import('./cases/staff/IntakePage.js'));
const OverdueReportPage = lazy(() => import('./cases/staff/OverdueReportPage.js'));

function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        retry: (count, err) => !(err instanceof ApiError && err.status > 0 && err.status < 500) && count < 2,
      },
    },
    queryCache: new QueryCache({
      // A request that finds the session gone means nobody is signed in any more.
      onError: (err, query) => {
        if (err instanceof ApiError && err.status === 401 && query.queryKey[0] !== ME_KEY[0]) client.setQueryData(ME_KEY, null);
      },
    }),
  });
  return client;
}

const queryClient = createQueryClient();

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <NavigationFocus />
        <Suspense fallback={<PageLoading />}>
          <Routes>
            <Route element={<AntdScope />}>
              <Route path="workbench" element={<WorkbenchLayout />}>
                <Route index element={<WorkbenchHome />} />
                <Route path="accounts" element={<AccountsPage />} />
                <Route path="audit" element={<AuditPage />} />
                <Route path="catalogs" element={<CatalogsPage />} />
                <Route path="catalogs/versions/:versionId" element={<CatalogVersionPage />} />
                <Route path="catalogs/versions/:versionId/diff" element={<CatalogDiffPage />} />
                <Route path="catalogs/versions/:versionId/lint" element={<CatalogLintPage />} />
                <Route path="catalogs/versions/:versionId/items/:rowCode" element={<CatalogItemPage />} />
                <Route path="impl-lists" element={<ImplListsPage />} />
                <Route path="impl-lists/:region" element={<ImplListPage />} />
                <Route path="search-synonyms" element={<SynonymsPage />} />
                <Route path="item-forms" element={<ItemFormsPage />} />
                <Route path="item-forms/:code" element={<FormDesignerPage />} />
                <Route path="messages" element={<StaffMessagesPage />} />
                <Route path="notification-templates" element={<NotificationTemplatesPage />} />
                <Route path="cases" element={<CaseQueuePage />} />
                <Route path="cases/overdue" element={<OverdueReportPage />} />
                <Route path="cases/:id" element={<CaseDetailPage />} />
                <Route path="intake" element={<CaseIntakePage />} />
                <Route path="*" element={<WorkbenchNotFound />} />
              </Route>
            </Route>
            <Route element={<PortalLayout />}>
              <Route index element={<HomePage />} />
              <Route path="regions/:code" element={<RegionPage />} />
              <Route path="accessibility" element={<AccessibilityPage />} />
              <Route path="items" element={<SearchPage />} />
              <Route path="items/:code" element={<GuidePage />} />
              <Route path="notices" element={<NoticesPage />} />
              <Route path="notices/:id" element={<NoticePage />} />
              <Route path="my/messages" element={<MyMessagesPage />} />
              <Route path="apply/:code" element={<ApplyPage />} />
              <Route path="my/cases" element={<MyCasesPage />} />
              <Route path="my/cases/:id" element={<MyCasePage />} />
              <Route path="track" element={<TrackPage />} />
              <Route element={<AntdScope />}>
                <Route path="login" element={<CitizenLoginPage />} />
                <Route path="my" element={<MyPage />} />
                <Route path="staff/login" element={<StaffLoginPage />} />
              </Route>
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </Suspense>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
