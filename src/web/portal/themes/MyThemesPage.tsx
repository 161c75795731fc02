/** 我的一件事 (/my/themes): each theme applied for, newest first, with where the whole stands. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client.js';
import { themeApplicationHref, themeQueries } from '../../api/themes.js';
import { PageHeading } from '../../components/PageHeading.js';
import { chineseDateTime } from '../../dates.js';
import { CitizenOnly } from '../CitizenOnly.js';
import { ThemeStateTag } from './parts.js';
import '../../components/notice.css';
import '../cases/MyCasesPage.css';
import './themes.css';

const TITLE = '我的一件事';

export default function MyThemesPage() {
  return (
    <CitizenOnly title={TITLE} whose="群众自己申请的一件事" next="/my/themes">
      <ThemeApplications />
    </CitizenOnly>
  );
}

function ThemeApplications() {
  const mine = useQuery(themeQueries.mine());
  return (
    <>
      <PageHeading>{TITLE}</PageHeading>
      <p className="lead">一次申请办好的几件事（如出生一件事），整件事办到哪一步、每个事项的进度都在这里。</p>
      <section className="card" aria-labelledby="my-themes-list">
        <h2 id="my-themes-list">我申请的一件事</h2>
        {mine.isPending && <p role="status">正在读取…</p>}
        {mine.isError && (
          <div className="notice notice--error" role="alert">
            <p>{errorMessage(mine.error)}</p>
          </div>
        )}
        {mine.data && mine.data.items.length === 0 && (
          <p data-testid="themes-empty">
            您还没有申请过一件事。<Link to="/themes">查看可以一次办好的一件事</Link>。
          </p>
        )}
        {mine.data && mine.data.items.length > 0 && (
          <ul className="case-list" aria-labelledby="my-themes-list">
            {mine.data.items.map((a) => (
              <li key={a.id} className="case-list__item">
                <p className="case-list__title">
                  <Link to={themeApplicationHref(a.id)}>{a.themeName}</Link>
                </p>
                <p>
                  <ThemeStateTag state={a.state} label={a.stateLabel} /> 已办结 {a.doneCount} / {a.caseCount} 个事项
                </p>
                <p className="muted">提交于 {chineseDateTime(a.createdAt)}</p>
                {a.state === 'needs_action' && <p className="notice notice--warn">有事项需要您补正材料，请打开查看。</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        单个事项的申请见 <Link to="/my/cases">我的办件</Link>。
      </p>
    </>
  );
}
