import { useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.js';
import { guideHref, itemsHref, PAGE_SIZE, parseItemQuery, QUICK_KEYS, useItemSearch, type ItemQuery, type ItemSummary, type SearchResult } from '../../api/catalog.js';
import { useSite } from '../../api/session.js';
import { Breadcrumbs } from '../../components/Breadcrumbs.js';
import { PageHeading } from '../../components/PageHeading.js';
import { DescRow } from '../../components/DescRow.js';
import { useMediaQuery } from '../../components/useMediaQuery.js';
import { BUSINESS_THEMES, PERSON_THEMES, QUICK_FILTERS, type QuickFilter } from '../../../shared/catalog.js';
import { Highlighted, LEVEL_NAMES, PhoneLinks, visitsText } from './format.js';
import { Pagination } from './Pagination.js';
import { PlacePicker } from './PlacePicker.js';
import { usePlace, usePlaceOf, type Place } from './place.js';
import { SearchBox } from './SearchBox.js';
import '../../components/fields.css';
import '../../components/inline-list.css';
import '../../components/notice.css';
import '../../components/results.css';
import '../../components/tags.css';
import './chips.css';
import './SearchPage.css';

const LEVEL_FILTERS = { town: '镇街事项', village: '村居事项' } as const;
const AUDIENCE_FILTERS = { person: '个人办事', business: '法人办事' } as const;

/**
 * 办事搜索 and the catalog browse (no q): every filter lives in the address, so a result list can
 * be shared and the back button returns to the previous one.
 */
export default function SearchPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const [remembered, remember] = usePlace();
  const parsed = parseItemQuery(params);
  // The address wins; without a region in it, the remembered place scopes the search.
  const region = params.has('region') ? parsed.region : remembered?.code;
  const query: ItemQuery = { ...parsed, region, level: region ? undefined : parsed.level };

  useEffect(() => {
    if (!params.has('region') && remembered) {
      const next = new URLSearchParams(params);
      next.set('region', remembered.code);
      setParams(next, { replace: true });
    }
  }, [params, remembered, setParams]);

  const search = useItemSearch(query);
  const { place, isPending: placePending } = usePlaceOf(region);
  const go = (patch: Partial<ItemQuery>) => navigate(itemsHref({ ...query, page: 1, ...patch }));

  const choosePlace = (p: Place | null) => {
    remember(p);
    go({ region: p?.code, level: undefined });
  };

  // After paging, focus goes to the results heading once the new page is in.
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const focusResults = useRef(false);
  useEffect(() => {
    if (focusResults.current && search.data && !search.isPlaceholderData) {
      focusResults.current = false;
      resultsHeading.current?.focus();
    }
  }, [search.data, search.isPlaceholderData]);

  const title = query.q ? `“${query.q}”的搜索结果` : '事项目录';
  const filtersActive = Boolean(query.level || query.audience || query.department || query.theme || query.quick.length);

  return (
    <>
      {/* On a phone the header's 办事搜索 already says where this is: the first result comes sooner. */}
      <Breadcrumbs className="hide-narrow" items={[{ label: '首页', to: '/' }, { label: '办事搜索' }]} />
      <PageHeading title={title}>办事搜索</PageHeading>

      <div className="card">
        <SearchBox compact key={query.q ?? ''} defaultValue={query.q ?? ''} onSearch={(q) => go({ q: q || undefined })} />
        <div className="search-place">
          <PlacePicker value={place} onConfirm={choosePlace} emptyText={placePending ? '正在读取…' : undefined} />
          {place && <LevelNote place={place} query={query} />}
        </div>
      </div>

      <Filters query={query} facets={search.data?.facets} onChange={go} regionSet={Boolean(region)} />

      <section aria-labelledby="results-heading" className="results">
        <div className="results__head">
          <h2 id="results-heading" ref={resultsHeading} tabIndex={-1}>
            {query.q ? '搜索结果' : '全部事项'}
          </h2>
          <p role="status" aria-live="polite" className="results__count">
            {search.isFetching && !search.data ? '正在搜索…' : search.data ? countText(search.data, query) : ''}
          </p>
        </div>
        {search.isError && <SearchError error={search.error} onClearPlace={() => choosePlace(null)} />}
        {search.data && search.data.expandedTerms.length > 0 && (
          <p className="expanded-terms">
            已为您同时搜索：<strong>{search.data.expandedTerms.join('、')}</strong>
          </p>
        )}
        {search.data && search.data.total === 0 && <EmptyResults query={query} data={search.data} onClearFilters={() => go({ level: undefined, audience: undefined, department: undefined, theme: undefined, quick: [] })} filtersActive={filtersActive} />}
        {search.data && search.data.items.length > 0 && (
          <ol className="result-list" aria-labelledby="results-heading" start={(query.page - 1) * PAGE_SIZE + 1} aria-busy={search.isPlaceholderData || undefined}>
            {search.data.items.map((item) => (
              <ResultCard key={item.code} item={item} region={region} />
            ))}
          </ol>
        )}
        {search.data && (
          <Pagination
            page={query.page}
            total={search.data.total}
            pageSize={PAGE_SIZE}
            hrefFor={(page) => itemsHref({ ...query, page })}
            onNavigate={() => {
              focusResults.current = true;
            }}
            label="搜索结果分页"
          />
        )}
      </section>
    </>
  );
}

function countText(data: SearchResult, query: ItemQuery): string {
  const where = data.region && data.region.level !== 'county' ? `${data.region.name}可办的` : '';
  if (data.total === 0) return query.q ? `没有找到与“${query.q}”相关的${where}事项` : `没有符合条件的${where}事项`;
  const pages = Math.ceil(data.total / PAGE_SIZE);
  return `共找到 ${data.total} 个${where}事项${pages > 1 ? `，当前第 ${query.page} 页` : ''}`;
}

/** A village offers village items, a town town items: say so, and link to the other level. */
function LevelNote({ place, query }: { place: Place; query: ItemQuery }) {
  if (place.level === 'village') {
    return (
      <p className="muted level-note">
        只显示在{place.name}便民服务站可以办理的村（社区）事项。在镇（街道）为民服务中心办理的事项，请查看
        <Link to={itemsHref({ ...query, region: place.townCode, page: 1 })}>{place.townName}的事项</Link>。
      </p>
    );
  }
  return <p className="muted level-note">只显示在{place.name}为民服务中心办理的镇（街道）事项。村（社区）便民服务站代办的事项，请在上方选择所在村（社区）。</p>;
}

function ResultCard({ item, region }: { item: ItemSummary; region: string | undefined }) {
  return (
    <li className="card result">
      <h3 className="result__title">
        <Link to={guideHref(item.code, region)}>
          <Highlighted text={item.name} ranges={item.highlights} />
        </Link>
      </h3>
      <ul className="tags" aria-label="办理方式">
        <li className="tag tag--level">{LEVEL_NAMES[item.level]}办理</li>
        <li className={`tag${item.visits === 0 ? ' tag--good' : ''}`}>{visitsText(item.visits)}</li>
        {item.onlineLevel === 'Ⅳ' && <li className="tag tag--good">全程网办</li>}
        {item.mobile && <li className="tag tag--good">掌上办</li>}
      </ul>
      <dl className="result__facts">
        <DescRow term="事项类型">{item.type}</DescRow>
        <DescRow term="主管部门">{item.department}</DescRow>
        <DescRow term="承诺时限">{item.promisedLimit}</DescRow>
        {/* plain words, not a tag: booking is by phone (the site books nothing) */}
        {item.appointment && <DescRow term="预约">可电话预约（电话见办事指南）</DescRow>}
      </dl>
    </li>
  );
}

function SearchError({ error, onClearPlace }: { error: unknown; onClearPlace: () => void }) {
  const placeProblem = error instanceof ApiError && (error.code === 'REGION_NOT_FOUND' || error.code === 'LEVEL_REGION_MISMATCH' || error.code === 'VALIDATION_FAILED');
  return (
    <div role="alert" className="notice notice--error">
      <p>搜索没有完成：{errorMessage(error)}</p>
      {placeProblem && (
        <button type="button" className="bm-btn bm-btn--secondary" onClick={onClearPlace}>
          清除地点，查看全市事项
        </button>
      )}
    </div>
  );
}

function EmptyResults({ query, data, onClearFilters, filtersActive }: { query: ItemQuery; data: SearchResult; onClearFilters: () => void; filtersActive: boolean }) {
  const site = useSite();
  const phone = site.data?.phone ?? '0537-12345';
  return (
    <div className="card empty-results">
      <p className="empty-results__title">{query.q ? `没有找到与“${query.q}”相关的事项。` : '没有符合条件的事项。'}</p>
      {data.suggestions.length > 0 && (
        <>
          <p id="suggestions-heading">您可以试试搜索：</p>
          <ul className="inline-list" aria-labelledby="suggestions-heading">
            {data.suggestions.map((s) => (
              <li key={s}>
                <Link to={itemsHref({ q: s, region: query.region })} className="bm-control chip">
                  {s}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {filtersActive && (
        <p>
          <button type="button" className="bm-btn bm-btn--secondary" onClick={onClearFilters}>
            清除筛选条件后再找
          </button>
        </p>
      )}
      <p>搜索小提示：</p>
      <ul className="tips">
        <li>用简单的词，例如“低保”“养老”“残疾证”，不用输入完整的事项名称。</li>
        <li>可以试试拼音或拼音首字母，例如“dibao”或“db”。</li>
        <li>用平时的说法也可以，例如“生孩子”“盖房子”。</li>
        {query.region && <li>所选地点可能不办理这个事项，可以清除地点后在全市范围查找。</li>}
      </ul>
      <p>
        还是找不到？请拨打咨询电话 <PhoneLinks value={phone} />，工作人员会告诉您到哪里办、怎么办。
      </p>
    </div>
  );
}

function Filters({
  query,
  facets,
  onChange,
  regionSet,
}: {
  query: ItemQuery;
  facets: SearchResult['facets'] | undefined;
  onChange: (patch: Partial<ItemQuery>) => void;
  regionSet: boolean;
}) {
  const id = useId();
  const wide = useMediaQuery('(min-width: 768px)');
  const [openChoice, setOpenChoice] = useState<boolean | null>(null);
  const open = openChoice ?? wide;
  const panelId = `${id}-panel`;

  const toggleQuick = (k: QuickFilter) => onChange({ quick: query.quick.includes(k) ? query.quick.filter((x) => x !== k) : [...query.quick, k] });

  const active: { key: string; label: string; clear: Partial<ItemQuery> }[] = [];
  if (query.level) active.push({ key: 'level', label: LEVEL_FILTERS[query.level], clear: { level: undefined } });
  if (query.audience) active.push({ key: 'audience', label: AUDIENCE_FILTERS[query.audience], clear: { audience: undefined } });
  if (query.department) active.push({ key: 'department', label: query.department, clear: { department: undefined } });
  if (query.theme) active.push({ key: 'theme', label: `主题：${query.theme}`, clear: { theme: undefined } });
  for (const k of query.quick) active.push({ key: k, label: QUICK_FILTERS[k], clear: { quick: query.quick.filter((x) => x !== k) } });

  const departments = withSelected(facets?.departments ?? [], query.department);
  const themes = withSelected(facets?.themes ?? [], query.theme);
  const personThemes = themes.filter((t) => (PERSON_THEMES as readonly string[]).includes(t.name));
  const businessThemes = themes.filter((t) => (BUSINESS_THEMES as readonly string[]).includes(t.name));
  const otherThemes = themes.filter((t) => !personThemes.includes(t) && !businessThemes.includes(t));

  return (
    <section className="card filters" aria-labelledby={`${id}-heading`}>
      <div className="filters__bar">
        <h2 id={`${id}-heading`} className="filters__heading">
          筛选
        </h2>
        <button type="button" className="bm-btn bm-btn--secondary" aria-expanded={open} aria-controls={panelId} onClick={() => setOpenChoice(!open)}>
          {open ? '收起筛选' : `展开筛选${active.length ? `（已选 ${active.length} 项）` : ''}`}
        </button>
      </div>
      <div id={panelId} hidden={!open} className="filters__panel">
        <div className="filters__quick">
          <p id={`${id}-quick`} className="filters__label">
            办理方式（可多选）：
          </p>
          <ul className="inline-list" aria-labelledby={`${id}-quick`}>
            {QUICK_KEYS.map((k) => {
              const on = query.quick.includes(k);
              return (
                <li key={k}>
                  <button type="button" className="bm-control chip" aria-pressed={on} onClick={() => toggleQuick(k)}>
                    <span className="chip__mark" aria-hidden="true">
                      {on ? '✓' : '+'}
                    </span>
                    {QUICK_FILTERS[k]}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
        {regionSet ? null : (
          <RadioGroup
            legend="事项层级"
            name={`${id}-level`}
            value={query.level ?? ''}
            options={[['', '全部'], ['town', LEVEL_FILTERS.town], ['village', LEVEL_FILTERS.village]]}
            onChange={(v) => onChange({ level: (v || undefined) as ItemQuery['level'] })}
          />
        )}
        <RadioGroup
          legend="办事对象"
          name={`${id}-audience`}
          value={query.audience ?? ''}
          options={[['', '全部'], ['person', AUDIENCE_FILTERS.person], ['business', AUDIENCE_FILTERS.business]]}
          onChange={(v) => onChange({ audience: (v || undefined) as ItemQuery['audience'] })}
        />
        <div className="field">
          <label htmlFor={`${id}-department`}>主管部门</label>
          <select id={`${id}-department`} className="bm-control" value={query.department ?? ''} onChange={(e) => onChange({ department: e.target.value || undefined })}>
            <option value="">全部部门</option>
            {departments.map((d) => (
              <option key={d.name} value={d.name}>
                {d.name}（{d.count} 项）
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-theme`}>服务主题</label>
          <select id={`${id}-theme`} className="bm-control" value={query.theme ?? ''} onChange={(e) => onChange({ theme: e.target.value || undefined })}>
            <option value="">全部主题</option>
            {personThemes.length > 0 && (
              <optgroup label="个人办事">
                {personThemes.map((t) => (
                  <option key={t.name} value={t.name}>
                    {t.name}（{t.count} 项）
                  </option>
                ))}
              </optgroup>
            )}
            {businessThemes.length > 0 && (
              <optgroup label="法人办事">
                {businessThemes.map((t) => (
                  <option key={t.name} value={t.name}>
                    {t.name}（{t.count} 项）
                  </option>
                ))}
              </optgroup>
            )}
            {otherThemes.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name}（{t.count} 项）
              </option>
            ))}
          </select>
        </div>
      </div>

      {active.length > 0 && (
        <div className="active-filters">
          <p id={`${id}-active`} className="filters__label">
            已选条件：
          </p>
          <ul className="inline-list" aria-labelledby={`${id}-active`}>
            {active.map((a) => (
              <li key={a.key}>
                <button type="button" className="bm-control chip chip--remove" aria-label={`取消条件：${a.label}`} onClick={() => onChange(a.clear)}>
                  {a.label}
                  <span className="chip__mark" aria-hidden="true">
                    ✕
                  </span>
                </button>
              </li>
            ))}
            {active.length > 1 && (
              <li>
                <button type="button" className="bm-control chip chip--remove" onClick={() => onChange({ level: undefined, audience: undefined, department: undefined, theme: undefined, quick: [] })}>
                  清除全部筛选
                </button>
              </li>
            )}
          </ul>
        </div>
      )}
    </section>
  );
}

/** A facet list that still offers the chosen value when the current results no longer count it. */
function withSelected(list: { name: string; count: number }[], selected: string | undefined) {
  if (!selected || list.some((x) => x.name === selected)) return list;
  return [{ name: selected, count: 0 }, ...list];
}

function RadioGroup({ legend, name, value, options, onChange }: { legend: string; name: string; value: string; options: [string, string][]; onChange: (v: string) => void }) {
  return (
    <fieldset className="radio-group">
      <legend>{legend}</legend>
      {options.map(([v, label]) => (
        <label key={v || 'all'} className="radio">
          <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
          <span>{label}</span>
        </label>
      ))}
    </fieldset>
  );
}
