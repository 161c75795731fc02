import { Link, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.js';
import { guideHref } from '../../api/catalog.js';
import { usePublishedPractice } from '../../api/practices.js';
import { Breadcrumbs } from '../../components/Breadcrumbs.js';
import { DescRow } from '../../components/DescRow.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { chineseDate } from '../../dates.js';
import { practicesHref } from './PracticesPage.js';
import '../../components/kv.css';
import '../../components/tags.css';
import './practices.css';

/**
 * One published 典型案例: its place, date and tags, the summary, the full text paragraph by
 * paragraph (plain text, never markup), its photos with their descriptions, and the items it
 * concerns, each linking to its 办事指南 — so a reader can go and do the same thing.
 */
export default function PracticePage() {
  const { id = '' } = useParams();
  const practice = usePublishedPractice(id);
  if (practice.isPending) return <PageLoading label="正在加载案例…" />;
  if (practice.isError) {
    const notFound = practice.error instanceof ApiError && (practice.error.status === 404 || practice.error.status === 400);
    return (
      <>
        <Breadcrumbs items={[{ label: '首页', to: '/' }, { label: '典型案例', to: '/practices' }, { label: '案例' }]} />
        <PageHeading>{notFound ? '没有找到这个案例' : '案例加载失败'}</PageHeading>
        <p role="alert">{notFound ? '这个案例不存在，或已经撤下。' : errorMessage(practice.error)}</p>
        <p>
          <Link to="/practices">返回典型案例</Link>
        </p>
      </>
    );
  }
  const p = practice.data;
  return (
    <article className="practice-article">
      <Breadcrumbs items={[{ label: '首页', to: '/' }, { label: '典型案例', to: '/practices' }, { label: p.title }]} />
      <PageHeading title={p.title}>{p.title}</PageHeading>
      <dl className="kv">
        <DescRow term="地区">
          <Link to={practicesHref({ town: p.townCode })}>{p.regionName}</Link>
        </DescRow>
        <DescRow term="发布日期">{chineseDate(p.publishedAt)}</DescRow>
      </dl>
      {(p.tags.length > 0 || p.training) && (
        <ul className="tags" aria-label="标签">
          {p.training && <li className="tag tag--good">培训推荐</li>}
          {p.tags.map((t) => (
            <li key={t} className="tag">
              <Link to={practicesHref({ tag: t })}>{t}</Link>
            </li>
          ))}
        </ul>
      )}
      <p className="lead practice-article__summary">{p.summary}</p>
      <section aria-labelledby="practice-body" className="practice-article__body">
        <h2 id="practice-body">经验做法</h2>
        {p.paragraphs.map((para, i) => (
          <p key={i}>{para}</p>
        ))}
      </section>
      {p.photos.length > 0 && (
        <section aria-labelledby="practice-photos">
          <h2 id="practice-photos">图片</h2>
          <ul className="practice-gallery">
            {p.photos.map((ph) => (
              <li key={ph.fileId}>
                <img src={ph.url} alt={ph.alt} width={ph.width} height={ph.height} loading="lazy" />
              </li>
            ))}
          </ul>
        </section>
      )}
      {p.items.length > 0 && (
        <section aria-labelledby="practice-items" className="card">
          <h2 id="practice-items">涉及的事项</h2>
          <p className="muted">点击事项名称查看办事指南：要准备的材料、办理地点和时限。</p>
          <ul className="practice-item-links">
            {p.items.map((i) => (
              <li key={i.code}>
                <Link to={guideHref(i.code)}>{i.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p>
        <Link to="/practices">返回典型案例</Link>
      </p>
    </article>
  );
}
