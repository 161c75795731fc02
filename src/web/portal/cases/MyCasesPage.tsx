/** 我的办件: the citizen's cases (newest first) and the applications they have not submitted yet. */
import { Link, Navigate, useSearchParams } from 'react-router';
import { useMyDrafts } from '../../api/applications.js';
import { useMyCases } from '../../api/cases.js';
import { errorMessage } from '../../api/client.js';
import { useMe } from '../../api/session.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { Pagination } from '../catalog/Pagination.js';
import { chineseDateTime } from '../../dates.js';
import { StatusBadge } from './StatusBadge.js';
import '../../components/notice.css';
import './MyCasesPage.css';

const PAGE_SIZE = 10;

export default function MyCasesPage() {
  const me = useMe();
  const [params] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const signedInCitizen = me.data?.kind === 'citizen';
  const cases = useMyCases(page, PAGE_SIZE, signedInCitizen);
  const drafts = useMyDrafts(signedInCitizen);

  if (me.isPending) return <PageLoading />;
  if (!me.data) return <Navigate to="/login?next=/my/cases" replace />;
  if (!signedInCitizen) {
    return (
      <>
        <PageHeading>我的办件</PageHeading>
        <p>工作人员请在 <Link to="/workbench/cases">工作台</Link> 查看办件。</p>
      </>
    );
  }
  return (
    <>
      <PageHeading>我的办件</PageHeading>
      {drafts.data && drafts.data.items.length > 0 && (
        <section className="card" aria-labelledby="my-drafts">
          <h2 id="my-drafts">未提交的申请（草稿）</h2>
          <ul className="case-list">
            {drafts.data.items.map((d) => (
              <li key={`${d.itemCode}-${d.regionCode}`} className="case-list__item">
                <p className="case-list__title">{d.itemName}</p>
                <p className="muted">{d.regionName} · 保存于 {chineseDateTime(d.updatedAt)}</p>
                <Link className="bm-btn bm-btn--secondary" to={`/apply/${d.itemCode}?region=${d.regionCode}`}>继续填写「{d.itemName}」</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card" aria-labelledby="my-cases">
        <h2 id="my-cases">已提交的申请</h2>
        {cases.isPending && <p role="status">正在读取…</p>}
        {cases.isError && <div className="notice notice--error" role="alert"><p>{errorMessage(cases.error)}</p></div>}
        {cases.data && cases.data.total === 0 && (
          <p>您还没有提交过申请。可以先 <Link to="/items">查找要办的事</Link>，在办事指南中点「在线申请」。</p>
        )}
        {cases.data && cases.data.total > 0 && (
          <>
            <p className="muted">共 {cases.data.total} 件</p>
            <ul className="case-list">
              {cases.data.items.map((c) => (
                <li key={c.id} className="case-list__item">
                  <p className="case-list__title">
                    <Link to={`/my/cases/${c.id}`}>{c.itemName}</Link>
                  </p>
                  <p><StatusBadge status={c.status} label={c.statusLabel} /></p>
                  <p className="muted">办件编号 {c.caseNo} · {c.regionName} · 提交于 {chineseDateTime(c.createdAt)}</p>
                  {c.status === 'correction' && <p className="notice notice--warn">需要您补正材料，请打开办件查看一次性告知的内容。</p>}
                </li>
              ))}
            </ul>
            <Pagination page={page} total={cases.data.total} pageSize={PAGE_SIZE} hrefFor={(p) => `/my/cases?page=${p}`} label="我的办件分页" />
          </>
        )}
      </section>
    </>
  );
}
