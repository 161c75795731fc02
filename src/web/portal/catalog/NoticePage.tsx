import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.js';
import { guideHref, useNotice, type NoticeDetail } from '../../api/catalog.js';
import { Breadcrumbs } from '../../components/Breadcrumbs.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { chineseDate } from '../../dates.js';
import '../../components/kv.css';
import './NoticePage.css';

/** One notice: what the publication says and, item by item, what was added, removed or changed. */
export default function NoticePage() {
  const { id = '' } = useParams();
  const notice = useNotice(id);
  if (notice.isPending) return <PageLoading label="正在加载公示…" />;
  if (notice.isError) {
    const notFound = notice.error instanceof ApiError && (notice.error.status === 404 || notice.error.status === 400);
    return (
      <>
        <PageHeading>{notFound ? '没有找到这条公示' : '公示加载失败'}</PageHeading>
        <p role="alert">{errorMessage(notice.error)}</p>
        <p>
          <Link to="/notices">返回目录调整公示</Link>
        </p>
      </>
    );
  }
  const n = notice.data;
  const [lead, ...rest] = n.body.split('\n').filter(Boolean);
  return (
    <article>
      <Breadcrumbs items={[{ label: '首页', to: '/' }, { label: '目录调整公示', to: '/notices' }, { label: '公示详情' }]} />
      <PageHeading title={n.title}>{n.title}</PageHeading>
      <dl className="kv">
        <dt>生效日期</dt>
        <dd>{chineseDate(n.effectiveDate)}</dd>
        <dt>发布日期</dt>
        <dd>{chineseDate(n.publishedAt)}</dd>
      </dl>
      <section className="card" aria-labelledby="notice-body">
        <h2 id="notice-body">公示内容</h2>
        <p>{lead}</p>
        {rest.length > 0 && (
          <details className="notice-full">
            <summary>展开公示全文</summary>
            {rest.map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </details>
        )}
      </section>
      <DiffLists diff={n.diff} />
    </article>
  );
}

const FIRST = 30;

function DiffLists({ diff }: { diff: NoticeDetail['diff'] }) {
  const none = diff.added.length + diff.removed.length + diff.changed.length === 0;
  return (
    <section className="card" aria-labelledby="notice-diff">
      <h2 id="notice-diff">调整明细</h2>
      {none && <p>本次发布未调整事项。</p>}
      <DiffGroup id="diff-added" title="新增事项" rows={diff.added}>
        {(a) => <Link to={guideHref(a.rowCode)}>{a.name}</Link>}
      </DiffGroup>
      <DiffGroup id="diff-removed" title="取消事项" rows={diff.removed}>
        {(a) => (
          <>
            {a.name}
            <span className="muted">（编码 {a.rowCode}）</span>
          </>
        )}
      </DiffGroup>
      <DiffGroup id="diff-changed" title="调整事项" rows={diff.changed}>
        {(c) => (
          <>
            <Link to={guideHref(c.rowCode)}>{c.name}</Link>
            <span className="muted">：调整了{c.fields.map((f) => f.label).join('、')}</span>
          </>
        )}
      </DiffGroup>
    </section>
  );
}

/** One of 新增/取消/调整, a row per item (`children` draws it); a long list shows its first rows and a button for the rest. */
function DiffGroup<R extends { rowCode: string }>({ id, title, rows, children }: { id: string; title: string; rows: R[]; children: (row: R) => ReactNode }) {
  const [all, setAll] = useState(false);
  if (rows.length === 0) return null;
  const shown = all ? rows : rows.slice(0, FIRST);
  return (
    <>
      <h3 id={id}>
        {title}（{rows.length} 项）
      </h3>
      <ul className="diff-list" aria-labelledby={id} id={`${id}-list`}>
        {shown.map((r) => (
          <li key={r.rowCode}>{children(r)}</li>
        ))}
      </ul>
      {rows.length > FIRST && (
        <button type="button" className="bm-btn bm-btn--secondary" aria-expanded={all} aria-controls={`${id}-list`} onClick={() => setAll((a) => !a)}>
          {all ? `只显示前 ${FIRST} 项` : `显示全部 ${rows.length} 项${title}`}
        </button>
      )}
    </>
  );
}
