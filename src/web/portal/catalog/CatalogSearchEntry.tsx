import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { itemsHref, QUICK_KEYS, useCatalogFacets } from '../../api/catalog.js';
import { BUSINESS_THEMES, PERSON_THEMES, QUICK_FILTERS } from '../../../shared/catalog.js';
import { PlacePicker } from './PlacePicker.js';
import { placeLabel, usePlace } from './place.js';
import { SearchBox } from './SearchBox.js';
import '../../components/inline-list.css';
import '../../components/link-row.css';
import '../../components/tiles.css';
import './CatalogSearchEntry.css';
import './chips.css';

/** The home page's way into the catalog: search, the place, quick filters and life-event themes. */
export function CatalogSearchEntry() {
  const navigate = useNavigate();
  const [place, setPlace] = usePlace();
  const [announce, setAnnounce] = useState('');
  const facets = useCatalogFacets(place?.code);
  const region = place?.code;

  const counts = new Map(facets.data?.facets.themes.map((t) => [t.name, t.count]));
  const themeLinks = (themes: readonly string[], audience: 'person' | 'business') =>
    themes
      .filter((t) => !facets.data || (counts.get(t) ?? 0) > 0)
      .map((t) => (
        <li key={t}>
          <Link to={itemsHref({ theme: t, audience, region })} className="tile theme-link">
            <span>{t}</span>
            {facets.data && <span className="theme-link__count">{counts.get(t)} 项</span>}
          </Link>
        </li>
      ));

  return (
    <section className="card search-entry" aria-labelledby="search-entry-heading">
      <h2 id="search-entry-heading">办事搜索</h2>
      <SearchBox onSearch={(q) => navigate(itemsHref({ q, region }))} />

      <div className="search-entry__place">
        <h3 id="place-heading">所在镇村</h3>
        <p className="muted">选择您所在的镇（街道）或村（社区），搜索结果和办事指南将显示当地可办的事项、办理地点和电话。</p>
        <PlacePicker
          value={place}
          onConfirm={(p) => {
            setPlace(p);
            setAnnounce(p ? `已选择${placeLabel(p)}` : '已清除所选地点，现在查看全市事项');
          }}
        />
        <p role="status" className="visually-hidden">
          {announce}
        </p>
      </div>

      <h3 id="quick-heading">按办理方式找</h3>
      <ul className="inline-list" aria-labelledby="quick-heading">
        {QUICK_KEYS.map((k) => (
          <li key={k}>
            <Link to={itemsHref({ quick: [k], region })} className="bm-control chip">
              {QUICK_FILTERS[k]}
            </Link>
          </li>
        ))}
      </ul>

      <h3 id="person-themes-heading">个人办事</h3>
      {facets.isPending && <p className="muted">正在加载主题…</p>}
      <ThemeList labelledBy="person-themes-heading" links={themeLinks(PERSON_THEMES, 'person')} />
      <h3 id="business-themes-heading">法人办事</h3>
      <ThemeList labelledBy="business-themes-heading" links={themeLinks(BUSINESS_THEMES, 'business')} />

      <ul className="link-row">
        <li>
          <Link to={itemsHref({ region })}>浏览全部事项目录</Link>
        </li>
        <li>
          <Link to="/notices">目录调整公示</Link>
        </li>
      </ul>
    </section>
  );
}

function ThemeList({ labelledBy, links }: { labelledBy: string; links: ReactNode[] }) {
  if (links.length === 0) return <p className="muted">所选地点暂无这类事项。</p>;
  return (
    <ul className="theme-list" aria-labelledby={labelledBy}>
      {links}
    </ul>
  );
}
