import { useId, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PRACTICE_TAGS, type PracticeTag } from '../../../shared/practices.js';
import { errorMessage } from '../../api/client.js';
import { publicPracticePath, usePublishedPractices, type PublicPracticeItem } from '../../api/practices.js';
import { Breadcrumbs } from '../../components/Breadcrumbs.js';
import { PageHeading } from '../../components/PageHeading.js';
import { chineseDate } from '../../dates.js';
import { Pagination } from '../catalog/Pagination.js';
import '../../components/notice.css';
import '../../components/results.css';
import '../../components/tags.css';
import './practices.css';

const PAGE_SIZE = 10;
const TOWN = /^\d{9}$/;
const isTag = (v: string | null): v is PracticeTag => (PRACTICE_TAGS as readonly (string | null)[]).includes(v);

/** The list's address with these filters (page 1 not written). */
export function practicesHref(f: { town?: string; tag?: string; page?: number }): string {
  const p = new URLSearchParams();
  if (f.town) p.set('town', f.town);
  if (f.tag) p.set('tag', f.tag);
  if (f.page && f.page > 1) p.set('page', String(f.page));
  const qs = p.toString();
  return qs ? `/practices?${qs}` : '/practices';
}

/**
 * 典型案例: the good practices the city has published — how towns and villages serve people
 * (帮办代办, 一件事, 适老化, 家门口办 …) — newest first, by town and tag, ten a page. The filter
 * lives in the address (a plain form: choose, then 筛选), so the back button and a shared link show
 * the same list.
 */
export default function PracticesPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const id = useId();
  const n = Number.parseInt(params.get('page') ?? '1', 10);
  const page = Number.isFinite(n) && n >= 1 ? n : 1;
  const town = TOWN.test(params.get('town') ?? '') ? params.get('town')! : undefined;
  const rawTag = params.get('tag');
  const tag = isTag(rawTag) ? rawTag : undefined;
  const list = usePublishedPractices({ town, tag, page, pageSize: PAGE_SIZE });
  const towns = list.data?.towns ?? [];

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    navigate(practicesHref({ town: String(form.get('town') ?? '') || undefined, tag: String(form.get('tag') ?? '') || undefined }));
  };

  const filtered = Boolean(town || tag);
  return (
    <>
      <Breadcrumbs items={[{ label: '首页', to: '/' }, { label: '典型案例' }]} />
      <PageHeading>典型案例</PageHeading>
      <p className="lead">各镇（街道）、村（社区）便民服务的好做法：帮办代办、一件事、适老化服务、家门口办……由市行政审批服务局审核后发布。</p>

      <form className="card practices-filter" role="search" aria-label="筛选典型案例" onSubmit={submit}>
        <div className="practices-filter__field">
          <label htmlFor={`${id}-town`}>镇（街道）</label>
          <select id={`${id}-town`} name="town" className="bm-control" defaultValue={town ?? ''} key={`town-${town ?? ''}-${towns.length}`}>
            <option value="">全部镇（街道）</option>
            {towns.map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}（{t.count}）
              </option>
            ))}
          </select>
        </div>
        <div className="practices-filter__field">
          <label htmlFor={`${id}-tag`}>标签</label>
          <select id={`${id}-tag`} name="tag" className="bm-control" defaultValue={tag ?? ''} key={`tag-${tag ?? ''}`}>
            <option value="">全部标签</option>
            {PRACTICE_TAGS.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div className="practices-filter__actions">
          <button type="submit" className="bm-btn bm-btn--primary">
            筛选
          </button>
          {filtered && (
            <Link to="/practices" className="practices-filter__clear">
              清除筛选
            </Link>
          )}
        </div>
      </form>

      <p role="status" aria-live="polite" className="results__count">
        {list.isPending ? '正在加载案例…' : list.data ? `共 ${list.data.total} 个案例` : ''}
      </p>
      {list.isError && (
        <div role="alert" className="notice notice--error">
          <p>案例加载失败：{errorMessage(list.error)}</p>
          <p>
            <button type="button" className="bm-btn bm-btn--secondary" onClick={() => void list.refetch()}>
              重新加载
            </button>
          </p>
        </div>
      )}
      {list.data && list.data.items.length === 0 && <p>{filtered ? '没有符合条件的案例，换个镇（街道）或标签试试。' : '目前还没有发布的典型案例。'}</p>}
      {list.data && list.data.items.length > 0 && (
        <ul className="practice-cards">
          {list.data.items.map((p) => (
            <PracticeCard key={p.id} p={p} />
          ))}
        </ul>
      )}
      {list.data && <Pagination page={page} total={list.data.total} pageSize={PAGE_SIZE} hrefFor={(p) => practicesHref({ town, tag, page: p })} label="案例分页" />}
    </>
  );
}

function PracticeCard({ p }: { p: PublicPracticeItem }) {
  return (
    <li className="card practice-card">
      {p.cover && <img className="practice-card__cover" src={p.cover.url} alt={p.cover.alt} width={p.cover.width} height={p.cover.height} loading="lazy" />}
      <div className="practice-card__text">
        <h2 className="practice-card__title">
          <Link to={publicPracticePath(p.id)}>{p.title}</Link>
        </h2>
        <ul className="tags" aria-label="地区和标签">
          <li className="tag tag--level">{p.regionName}</li>
          {p.training && <li className="tag tag--good">培训推荐</li>}
          {p.tags.map((t) => (
            <li key={t} className="tag">
              {t}
            </li>
          ))}
        </ul>
        <p className="practice-card__summary">{p.summary}</p>
        <p className="muted practice-card__date">发布日期：{chineseDate(p.publishedAt)}</p>
      </div>
    </li>
  );
}
