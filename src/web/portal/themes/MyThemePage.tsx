/**
 * One theme application (/my/themes/{id}): the whole's state and time limit, each item's case with
 * its own progress, and the items still to do at the window.
 */
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.js';
import { themeHref, themeQueries, type ThemeApplication } from '../../api/themes.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { chineseDate, chineseDateTime } from '../../dates.js';
import { THEME_ITEM_DONE } from '../../../shared/theme-rules.js';
import { CitizenOnly } from '../CitizenOnly.js';
import { daysText } from './format.js';
import { InPersonList, ThemeCaseCard, ThemeStateTag } from './parts.js';
import '../../components/kv.css';
import '../../components/notice.css';
import '../apply/shared.css';
import './themes.css';

export default function MyThemePage() {
  const { id = '' } = useParams();
  return (
    <CitizenOnly title="我的一件事" whose="群众自己申请的一件事" next={`/my/themes/${id}`}>
      <ThemeApplicationView id={id} />
    </CitizenOnly>
  );
}

function ThemeApplicationView({ id }: { id: string }) {
  const app = useQuery(themeQueries.mineOne(id));
  if (app.isPending) return <PageLoading />;
  if (app.isError) {
    const missing = app.error instanceof ApiError && (app.error.status === 404 || app.error.status === 400);
    return (
      <>
        <PageHeading>{missing ? '未找到这件申请' : '我的一件事'}</PageHeading>
        <div className="notice notice--error" role="alert">
          <p>{missing ? '没有找到这件一件事申请，链接可能不完整。' : `${errorMessage(app.error)}。请检查网络后刷新页面重试。`}</p>
        </div>
        <p>
          <Link to="/my/themes">返回我的一件事</Link>
        </p>
      </>
    );
  }
  return <View app={app.data} />;
}

function View({ app }: { app: ThemeApplication }) {
  const done = app.cases.filter((c) => THEME_ITEM_DONE.has(c.status)).length;
  const correction = app.cases.filter((c) => c.status === 'correction');
  return (
    <>
      <PageHeading title={`${app.themeName}：办理进度`}>{app.themeName}</PageHeading>
      <section className="card" aria-labelledby="theme-app-state">
        <h2 id="theme-app-state">整件事的进度</h2>
        <dl className="kv">
          <dt>当前状态</dt>
          <dd>
            <ThemeStateTag state={app.state} label={app.stateLabel} testId="theme-state" />
          </dd>
          <dt>已办结</dt>
          <dd data-testid="theme-done-count">
            {done} / {app.cases.length} 个事项
          </dd>
          <dt>牵头部门</dt>
          <dd>{app.leadBody}</dd>
          <dt>承诺时限</dt>
          <dd>
            {daysText(app.promisedDays)}
            {app.dueDate ? `（应于 ${chineseDate(app.dueDate)} 前办结）` : '（各事项受理后开始计算）'}
          </dd>
          <dt>提交时间</dt>
          <dd>{chineseDateTime(app.createdAt)}</dd>
        </dl>
        {correction.length > 0 && (
          <div className="notice notice--warn">
            <p>
              <strong>{correction.map((c) => c.itemName).join('、')}需要您补正材料。</strong>请打开该事项，按一次性告知的内容补交。
            </p>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="theme-app-cases">
        <h2 id="theme-app-cases">各事项的进度</h2>
        <ol className="theme-result-cases">
          {app.cases.map((c) => (
            <ThemeCaseCard key={c.id} child={c} linkText="查看详情和办理过程" />
          ))}
        </ol>
      </section>
      <InPersonList items={app.inPerson} />
      <ul className="link-row">
        <li>
          <Link to="/my/themes">返回我的一件事</Link>
        </li>
        <li>
          <Link to={themeHref(app.themeCode)}>查看本主题的办事指引</Link>
        </li>
      </ul>
    </>
  );
}
