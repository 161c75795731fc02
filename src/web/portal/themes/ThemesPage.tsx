import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client.js';
import { itemsHref } from '../../api/catalog.js';
import { themeHref, useThemes, type ThemeCategoryGroup, type ThemeSummary } from '../../api/themes.js';
import { Breadcrumbs } from '../../components/Breadcrumbs.js';
import { DescRow } from '../../components/DescRow.js';
import { PageHeading } from '../../components/PageHeading.js';
import type { ThemeSubject } from '../../../shared/theme-rules.js';
import { daysText, themesHref } from './format.js';
import '../../components/inline-list.css';
import '../../components/link-row.css';
import '../../components/notice.css';
import '../../components/tags.css';
import '../catalog/chips.css';
import './themes.css';

/** Each subject's tab and the name of its categories; keyed by the shared ThemeSubject, so a new subject must be added here. */
const SUBJECT_TABS: Record<ThemeSubject, { label: string; by: string }> = {
  person: { label: '个人办事', by: '按人生阶段' },
  enterprise: { label: '企业办事', by: '按企业经营阶段' },
};
const SUBJECTS = Object.keys(SUBJECT_TABS) as ThemeSubject[];
const isSubject = (v: string | null): v is ThemeSubject => SUBJECTS.includes(v as ThemeSubject);

/**
 * 一件事: the published themes by 个人 life event and 企业 stage. The filter lives in the address
 * (links, not state), so the back button and a shared link show the same list. Themes are few:
 * the page reads them all once (with every category's label and count, as the server names
 * them) and filters here, so switching subject or category needs no request.
 */
export default function ThemesPage() {
  const [params] = useSearchParams();
  const themes = useThemes({});
  const groups = themes.data?.categories;
  const rawSubject = params.get('subject');
  const rawCategory = params.get('category') ?? '';
  // A category alone names its subject (an old or hand-made link).
  const ofCategory = groups?.find((g) => g.categories.some((c) => c.code === rawCategory))?.subject;
  const subject: ThemeSubject = isSubject(rawSubject) ? rawSubject : (ofCategory ?? 'person');
  const group = groups?.find((g) => g.subject === subject);
  const chosen = group?.categories.find((c) => c.code === rawCategory);
  const category = chosen?.code;
  const shown = themes.data?.items.filter((t) => t.subject === subject && (!category || t.category === category));

  return (
    <>
      <Breadcrumbs className="hide-narrow" items={[{ label: '首页', to: '/' }, { label: '一件事' }]} />
      <PageHeading title={chosen ? `一件事：${chosen.label}` : '一件事'}>一件事</PageHeading>
      <p className="lead">
        把相互关联的几个事项合成“一件事”：相同的信息只填一次，相同的材料只交一份，由牵头部门统一负责。先看看您要办的事包含哪些事项、要准备什么。
      </p>

      <nav aria-label="办事对象" className="theme-subjects">
        <ul>
          {SUBJECTS.map((s) => (
            <li key={s}>
              <Link to={themesHref(s)} className="theme-subject" aria-current={s === subject ? 'true' : undefined}>
                {SUBJECT_TABS[s].label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <section className="card theme-filter" aria-labelledby="theme-categories-heading">
        <h2 id="theme-categories-heading" className="theme-filter__heading">
          {SUBJECT_TABS[subject].by}
        </h2>
        {group ? <Categories subject={subject} category={category} group={group} /> : themes.isPending && <p className="muted">正在加载分类…</p>}
      </section>

      <section aria-labelledby="theme-list-heading" className="theme-results">
        <h2 id="theme-list-heading" className="theme-results__heading">
          {chosen ? `${chosen.label}的一件事` : `${SUBJECT_TABS[subject].label}的一件事`}
        </h2>
        <p role="status" aria-live="polite" className="theme-results__count">
          {themes.isPending ? '正在加载…' : shown ? `共 ${shown.length} 件` : ''}
        </p>
        {themes.isError && (
          <div role="alert" className="notice notice--error">
            <p>一件事列表加载失败：{errorMessage(themes.error)}</p>
            <p>
              <button type="button" className="bm-btn bm-btn--secondary" onClick={() => void themes.refetch()}>
                重新加载
              </button>
            </p>
          </div>
        )}
        {shown && shown.length === 0 && <NoThemes subject={subject} categoryName={chosen?.label} />}
        {shown && shown.length > 0 && (
          <ul className="theme-cards" aria-labelledby="theme-list-heading">
            {shown.map((t) => (
              <ThemeCard key={t.code} theme={t} showCategory={!category} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/**
 * The subject's categories as chips with their counts. A category without a theme stays in the
 * list as plain words (暂无), not a link: people see which life events are not yet bundled and look
 * for the single items instead of opening an empty list.
 */
function Categories({ subject, category, group }: { subject: ThemeSubject; category: string | undefined; group: ThemeCategoryGroup }) {
  const total = group.categories.reduce((n, c) => n + c.count, 0);
  const empty = group.categories.filter((c) => c.count === 0).length;
  return (
    <>
      <ul className="inline-list theme-chips" aria-labelledby="theme-categories-heading">
        <li>
          <Link to={themesHref(subject)} className="bm-control chip" aria-current={!category ? 'true' : undefined}>
            全部
            <span className="chip__count">
              {total}
              <span className="visually-hidden"> 件</span>
            </span>
          </Link>
        </li>
        {group.categories.map(({ code, label, count }) => {
          if (count === 0 && code !== category) {
            return (
              <li key={code}>
                <span className="chip chip--empty">
                  {label}
                  <span className="chip__count">暂无</span>
                </span>
              </li>
            );
          }
          return (
            <li key={code}>
              <Link to={themesHref(subject, code)} className="bm-control chip" aria-current={code === category ? 'true' : undefined}>
                {label}
                <span className="chip__count">
                  {count}
                  <span className="visually-hidden"> 件</span>
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      {empty > 0 && (
        <p className="muted theme-filter__note">
          标“暂无”的还没有合成一件事，可以到 <Link to={itemsHref({})} className="in-sentence">办事搜索</Link> 查找单个事项。
        </p>
      )}
    </>
  );
}

function ThemeCard({ theme, showCategory }: { theme: ThemeSummary; showCategory: boolean }) {
  const headingId = `theme-${theme.code}`;
  return (
    <li className="card theme-card">
      <h3 className="theme-card__title" id={headingId}>
        <Link to={themeHref(theme.code)}>{theme.name}</Link>
      </h3>
      {(showCategory || theme.offeredIn) && (
        <ul className="tags" aria-label="分类和适用范围">
          {showCategory && (
            <li className="tag tag--level">
              {theme.subjectLabel}·{theme.categoryLabel}
            </li>
          )}
          {theme.offeredIn && <li className="tag">仅限{theme.offeredIn.name}</li>}
        </ul>
      )}
      <p className="theme-card__summary">{theme.summary}</p>
      <p className="theme-card__items-title" id={`${headingId}-items`}>
        包含 {theme.itemCount} 个事项：
      </p>
      <ul className="theme-card__items" aria-labelledby={`${headingId}-items`}>
        {theme.items.map((i) => (
          <li key={i.code}>{i.name}</li>
        ))}
      </ul>
      <dl className="theme-facts">
        <DescRow term="牵头部门">{theme.leadBody}</DescRow>
        <DescRow term="承诺时限">{daysText(theme.promisedDays)}</DescRow>
      </dl>
    </li>
  );
}

function NoThemes({ subject, categoryName }: { subject: ThemeSubject; categoryName: string | undefined }) {
  return (
    <div className="card theme-empty">
      <p className="theme-empty__title">{categoryName ? `“${categoryName}”暂时还没有一件事。` : `${SUBJECT_TABS[subject].label}暂时还没有一件事。`}</p>
      <p>可以先在办事搜索中查找要办的单个事项，或拨打页面底部的咨询电话问一问。</p>
      <ul className="link-row">
        {categoryName && (
          <li>
            <Link to={themesHref(subject)}>查看全部{SUBJECT_TABS[subject].label}的一件事</Link>
          </li>
        )}
        <li>
          <Link to={itemsHref({})}>到办事搜索查找事项</Link>
        </li>
      </ul>
    </div>
  );
}
