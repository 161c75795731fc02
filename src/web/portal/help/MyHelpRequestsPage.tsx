/** 我的求助 (/my/help): the signed-in citizen's requests for a 帮办代办员, open ones first (the server's order). */
import { Link, Navigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client.js';
import { useMyHelpRequests } from '../../api/helpRequests.js';
import { useMe } from '../../api/session.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { chineseDateTime } from '../../dates.js';
import { Pagination } from '../catalog/Pagination.js';
import { HelpStatusBadge, requestTitle } from './words.js';
import '../../components/notice.css';
import '../cases/MyCasesPage.css';
import './help.css';

const PAGE_SIZE = 10;

export default function MyHelpRequestsPage() {
  const me = useMe();
  const [params] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const citizen = me.data?.kind === 'citizen';
  const mine = useMyHelpRequests(page, PAGE_SIZE, citizen);

  if (me.isPending) return <PageLoading />;
  if (!me.data) return <Navigate to="/login?next=/my/help" replace />;
  if (!citizen) {
    return (
      <>
        <PageHeading>我的求助</PageHeading>
        <p>这里是群众请帮办代办员办事的记录。您当前以工作人员身份登录，请退出后用手机号登录查看。</p>
      </>
    );
  }
  const data = mine.data;
  return (
    <>
      <PageHeading>我的求助</PageHeading>
      <p className="lead">您请帮办代办员帮忙办的事，办到哪一步了都在这里。</p>
      <p>
        <Link className="bm-btn bm-btn--primary" to="/help/new">
          请帮办员帮我办
        </Link>
      </p>
      <section className="card" aria-labelledby="my-help-list">
        <h2 id="my-help-list">我的求助记录</h2>
        {mine.isPending && <p role="status">正在读取…</p>}
        {mine.isError && (
          <div className="notice notice--error" role="alert">
            <p>{errorMessage(mine.error)}</p>
          </div>
        )}
        {data && data.total === 0 && (
          <p data-testid="help-empty">
            您还没有在网上请过帮办代办员。有事需要人帮忙办，可以 <Link to="/help/new">在线请帮办员</Link>。
          </p>
        )}
        {data && data.total > 0 && (
          <>
            <p className="muted">共 {data.total} 条，正在办理的在前</p>
            <ul className="case-list" aria-labelledby="my-help-list">
              {data.items.map((r) => (
                <li key={r.id} className="case-list__item">
                  <p className="case-list__title">
                    <Link to={`/my/help/${encodeURIComponent(r.id)}`}>{requestTitle(r)}</Link>
                  </p>
                  <p>
                    <HelpStatusBadge status={r.status} label={r.statusLabel} />
                    {r.overdue && <span className="help-late">已超过约定时间{r.escalated ? '，已报镇（街道）督办' : ''}</span>}
                  </p>
                  <p className="muted">
                    求助编号 {r.requestNo} · {r.helperName ? `帮办代办员 ${r.helperName}` : '正在安排帮办代办员'}
                    {r.channel === 'relative' ? ` · 为家人 ${r.subjectName} 求助` : ''} · 提交于 {chineseDateTime(r.createdAt)}
                  </p>
                </li>
              ))}
            </ul>
            <Pagination page={page} total={data.total} pageSize={PAGE_SIZE} hrefFor={(p) => `/my/help?page=${p}`} label="我的求助分页" />
          </>
        )}
      </section>
    </>
  );
}
