import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client.js';
import { useNotices } from '../../api/catalog.js';
import { Breadcrumbs } from '../../components/Breadcrumbs.js';
import { PageHeading } from '../../components/PageHeading.js';
import { chineseDate } from '../../dates.js';
import { Pagination } from './Pagination.js';
import '../../components/results.css';
import './NoticesPage.css';

const PAGE_SIZE = 20;

/** 目录调整公示: every publication of a guidance catalog, newest first. */
export default function NoticesPage() {
  const [params] = useSearchParams();
  const n = Number.parseInt(params.get('page') ?? '1', 10);
  const page = Number.isFinite(n) && n >= 1 ? n : 1;
  const notices = useNotices(page, PAGE_SIZE);
  return (
    <>
      <Breadcrumbs items={[{ label: '首页', to: '/' }, { label: '目录调整公示' }]} />
      <PageHeading>目录调整公示</PageHeading>
      <p className="lead">镇（街道）和村（社区）政务服务事项目录每次新增、取消或调整事项，都在这里公示。</p>
      <p role="status" aria-live="polite" className="results__count">
        {notices.isPending ? '正在加载公示…' : notices.data ? `共 ${notices.data.total} 条公示` : ''}
      </p>
      {notices.isError && (
        <p role="alert" className="status status--error">
          公示加载失败：{errorMessage(notices.error)}
        </p>
      )}
      {notices.data && notices.data.items.length === 0 && <p>目前还没有目录调整公示。</p>}
      {notices.data && notices.data.items.length > 0 && (
        <ul className="notice-list">
          {notices.data.items.map((item) => (
            <li key={item.id} className="card">
              <h2 className="notice-list__title">
                <Link to={`/notices/${item.id}`}>{item.title}</Link>
              </h2>
              <p className="muted">
                <span className="nowrap">生效日期：{chineseDate(item.effectiveDate)}</span> <span className="nowrap">发布日期：{chineseDate(item.publishedAt)}</span>
              </p>
              <p className="notice-list__excerpt">{item.body.split('\n')[0]}</p>
            </li>
          ))}
        </ul>
      )}
      {notices.data && <Pagination page={page} total={notices.data.total} pageSize={PAGE_SIZE} hrefFor={(p) => (p > 1 ? `/notices?page=${p}` : '/notices')} label="公示分页" />}
    </>
  );
}
