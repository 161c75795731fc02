import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.js';
import { guideHref, useNotice, type NoticeDetail } from '../../api/catalog.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { chineseDate } from '../../dates.js';
import '../../components/breadcrumb.css';
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
      <nav aria-label="位置" className="breadcrumb">
        <ol>
          <li>
            <Link to="/">首页</Link>
          </li>
          <li>
            <Link to="/notices">目录调整公示</Link>
          </li>
          <li aria-current="page">公示详情</li>
        </ol>
      </nav>
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
      <DiffGroup
        id="diff-added"
        title="新增事项"
        items={diff.added.map((a) => (
          <li key={a.rowCode}>
            <Link to={guideHref(a.rowCode)}>{a.name}</Link>
          </li>
        ))}
      />
      <DiffGroup
        id="diff-removed"
        title="取消事项"
        items={diff.removed.map((a) => (
          <li key={a.rowCode}>
            {a.name}
            <span className="muted">（编码 {a.rowCode}）</span>
          </li>
        ))}
      />
      <DiffGroup
        id="diff-changed"
        title="调整事项"
        items={diff.changed.map((c) => (
          <li key={c.rowCode}>
            <Link to={guideHref(c.rowCode)}>{c.name}</Link>
            <span className="muted">：调整了{c.fields.map((f) => f.label).join('、')}</span>
          </li>
        ))}
      />
    </section>
  );
}

/** One of 新增/取消/调整; a long list shows its first items and a button for the rest. */
function DiffGroup({ id, title, items }: { id: string; title: string; items: ReactNode[] }) {
  const [all, setAll] = useState(false);
  if (items.length === 0) return null;
  const shown = all ? items : items.slice(0, FIRST);
  return (
    <>
      <h3 id={id}>
        {title}（{items.length} 项）
      </h3>
      <ul className="diff-list" aria-labelledby={id} id={`${id}-list`}>
        {shown}
      </ul>
      {items.length > FIRST && (
        <button type="button" className="bm-btn bm-btn--secondary" aria-expanded={all} aria-controls={`${id}-list`} onClick={() => setAll((a) => !a)}>
          {all ? `只显示前 ${FIRST} 项` : `显示全部 ${items.length} 项${title}`}
        </button>
      )}
    </>
  );
}
