/**
 * The first screen of public pages that open with fixed words (a heading and a lead paragraph):
 * shown by the portal while the page's code loads, in the page's own markup, so a person arriving
 * on a slow phone reads what the page is for at once — and the largest text paints then, not a
 * round trip later (the map page's Lighthouse LCP, issue 13). The page renders the same words
 * from here, so the two cannot drift apart.
 */
import { useLocation } from 'react-router';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { PageLoading } from '../components/PageLoading.js';

export interface FirstScreen {
  title: string;
  lead: string;
  /** the first card's heading and words, when they are fixed too (in 长辈版 they are the largest text) */
  card?: { id: string; className: string; title: string; text: string };
}

export const MAP_SCREEN: FirstScreen = {
  title: '服务网点地图',
  lead: '为民服务中心、便民服务站和合作网点在哪里、今天几点开门、电话多少、怎么去。',
  card: { id: 'near-heading', className: 'card map-near', title: '离我最近的网点', text: '按距离排列附近能办事的地方。需要允许本网站使用您的位置，位置不会保存。' },
};

const SCREENS: Record<string, FirstScreen> = { '/map': MAP_SCREEN };

/** The portal's HydrateFallback: the page's heading and lead where known, and 正在加载…. */
export function PortalPageLoading() {
  const { pathname } = useLocation();
  const screen = SCREENS[pathname.replace(/\/$/, '') || '/'];
  if (!screen) return <PageLoading />;
  return (
    <>
      <Breadcrumbs className="hide-narrow" items={[{ label: '首页', to: '/' }, { label: screen.title }]} />
      <h1 className="page-title">{screen.title}</h1>
      <p className="lead">{screen.lead}</p>
      {screen.card && (
        <section className={screen.card.className} aria-labelledby={screen.card.id}>
          <h2 id={screen.card.id} className="map-section-title">
            {screen.card.title}
          </h2>
          <p className="muted">{screen.card.text}</p>
        </section>
      )}
      <PageLoading />
    </>
  );
}
