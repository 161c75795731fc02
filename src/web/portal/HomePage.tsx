import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useElderMode } from '../a11y/prefs.js';
import { errorMessage } from '../api/client.js';
import { useRegionChildren } from '../api/regions.js';
import { useMe } from '../api/session.js';
import type { Region } from '../api/types.js';
import { PageHeading } from '../components/PageHeading.js';
import { CatalogSearchEntry } from './catalog/CatalogSearchEntry.js';
import { ElderHome } from './ElderHome.js';
import '../components/tiles.css';
import './HomePage.css';
import './regions.css';

export default function HomePage() {
  const [params, setParams] = useSearchParams();
  // Shown once after signing out; the flag leaves the address bar so a reload does not repeat it.
  const [signedOut] = useState(() => params.get('signedOut') === '1');
  useEffect(() => {
    if (params.has('signedOut')) setParams({}, { replace: true });
  }, [params, setParams]);
  const me = useMe();
  const user = me.data;
  const citizen = user?.kind === 'citizen';
  // 长辈版 has a home of its own: short, the most-used services first.
  const elder = useElderMode();
  if (elder) return <ElderHome signedOut={signedOut} />;

  return (
    <>
      <PageHeading title="首页">欢迎使用邹城市政务服务</PageHeading>
      <p className="lead">面向邹城市群众和镇街、村居工作人员的政务服务平台。</p>
      {signedOut && (
        <p role="status" className="card">
          您已安全退出登录。
        </p>
      )}

      <CatalogSearchEntry />

      {/* What can be done here now: apply online (from an item's guide), follow a case, one's own cases. */}
      <section className="card" aria-labelledby="online-heading">
        <h2 id="online-heading">网上办事</h2>
        <ul className="entry-grid">
          <li>
            <Link to="/items" className="tile">
              <strong>网上申请</strong>
              <span>先搜索要办的事，在办事指南中点“在线申请”</span>
            </Link>
          </li>
          <li>
            <Link to="/themes" className="tile">
              <strong>一件事</strong>
              <span>孩子出生等几件相关的事合在一起：一次看清要办哪些、带什么材料</span>
            </Link>
          </li>
          <li>
            <Link to="/track" className="tile">
              <strong>办件查询</strong>
              <span>凭办件编号和申请人手机号查进度，不用登录</span>
            </Link>
          </li>
          <li>
            <Link to="/my/cases" className="tile">
              <strong>我的办件</strong>
              <span>{citizen ? '本人申请的进度、补正和结果' : '登录后查看本人申请的进度和结果'}</span>
            </Link>
          </li>
          <li>
            <Link to="/map" className="tile">
              <strong>服务网点地图</strong>
              <span>为民服务中心、便民服务站在哪里，几点开门，电话和路线</span>
            </Link>
          </li>
        </ul>
        <p className="muted">
          也可以到镇（街道）为民服务中心或村（社区）便民服务站办理，工作人员可以帮办代办（<Link to="/help">怎样请人代办</Link>）；有疑问请拨打页面底部的咨询电话。
        </p>
      </section>

      <section className="card" aria-labelledby="entry-heading">
        <h2 id="entry-heading">快速入口</h2>
        <ul className="entry-grid">
          <li>
            <Link to={citizen ? '/my' : '/login'} className="tile">
              <strong>群众登录</strong>
              <span>{user?.kind === 'citizen' ? `已登录：${user.name}` : '手机号 + 短信验证码登录'}</span>
            </Link>
          </li>
          <li>
            <Link to="/my" className="tile">
              <strong>我的</strong>
              <span>查看本人登录信息</span>
            </Link>
          </li>
          <li>
            <Link to={user?.kind === 'staff' ? '/workbench' : '/staff/login'} className="tile">
              <strong>工作人员登录</strong>
              <span>{user?.kind === 'staff' ? `已登录：${user.name}，进入工作台` : '窗口、审批、帮办代办和管理人员'}</span>
            </Link>
          </li>
        </ul>
      </section>

      <RegionDirectory />
    </>
  );
}

/** The real region tree from the API: the top region's towns, each expandable to its villages. */
function RegionDirectory() {
  const top = useRegionChildren(undefined);
  return (
    <section className="card" aria-labelledby="regions-heading">
      <h2 id="regions-heading">镇（街道）与村（社区）目录</h2>
      {top.isPending && <p role="status">正在加载行政区划…</p>}
      {top.isError && (
        <p role="alert" className="status status--error">
          行政区划加载失败：{errorMessage(top.error)}
        </p>
      )}
      {top.data?.map((county) => <CountyTowns key={county.code} county={county} />)}
    </section>
  );
}

function CountyTowns({ county }: { county: Region }) {
  const towns = useRegionChildren(county.code);
  return (
    <>
      {towns.isPending && <p role="status">正在加载镇（街道）…</p>}
      {towns.isError && (
        <p role="alert" className="status status--error">
          镇（街道）加载失败：{errorMessage(towns.error)}
        </p>
      )}
      {towns.data && (
        <>
          <p className="muted">
            {county.name}辖 {towns.data.length} 个镇（街道）。选择镇（街道）名称可展开所辖村（社区）。
          </p>
          <ul className="town-list" aria-label={`${county.name}所辖镇（街道）`}>
            {towns.data.map((town) => (
              <TownItem key={town.code} town={town} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function TownItem({ town }: { town: Region }) {
  const [open, setOpen] = useState(false);
  const villages = useRegionChildren(town.code, open && town.hasChildren);
  const panelId = `region-panel-${town.code}`;
  return (
    <li>
      <h3>
        <button type="button" className="disclosure" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
          <span>{town.name}</span>
          <span className="disclosure__hint">
            {open ? '收起' : '展开'}
            <span className="disclosure__chevron" aria-hidden="true">
              {' '}
              ›
            </span>
          </span>
        </button>
      </h3>
      <div id={panelId} className="town-panel" hidden={!open}>
        {open && (
          <>
            {!town.hasChildren && <p className="muted">暂无下辖村（社区）数据。</p>}
            {villages.isPending && town.hasChildren && <p role="status">正在加载…</p>}
            {villages.isError && (
              <p role="alert" className="status status--error">
                加载失败：{errorMessage(villages.error)}
              </p>
            )}
            {villages.data && (
              <>
                <p className="muted">
                  {town.fullName}辖 {villages.data.length} 个村（社区）：
                </p>
                <ul className="village-list" aria-label={`${town.name}所辖村（社区）`}>
                  {villages.data.map((v) => (
                    <li key={v.code}>{v.name}</li>
                  ))}
                </ul>
                <p>
                  <Link to={`/regions/${town.code}`}>查看{town.name}详情页</Link>
                </p>
              </>
            )}
          </>
        )}
      </div>
    </li>
  );
}
