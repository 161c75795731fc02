/**
 * 大屏: the dashboard for the hall's wall screen — dark, large, no menus, refreshed every minute,
 * with the time it was counted. Staff holding supervision.view open it from 监督看板 (this month,
 * the place chosen there) and leave it running; a session that ends sends them to sign in again.
 */
import { useEffect, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { errorMessage } from '../api/client.js';
import { actionsOf, useMe } from '../api/session.js';
import { useOverview } from '../api/supervision.js';
import { PageLoading } from '../components/PageLoading.js';
import { chinaDateTime } from '../dates.js';
import { Chart } from './Chart.js';
import { channelOption, headlines, itemOption, placeOption, ratingOption, trendOption } from './figures.js';
import './Wall.css';

const REFRESH_MS = 60_000;

export default function WallPage() {
  const me = useMe();
  const [params] = useSearchParams();
  const region = params.get('region') ?? undefined;
  if (me.isPending) return <PageLoading />;
  if (!me.data || me.data.kind !== 'staff') return <Navigate to={`/staff/login?next=${encodeURIComponent(`/workbench/dashboard/wall${region ? `?region=${region}` : ''}`)}`} replace />;
  if (!actionsOf(me.data).has('supervision.view')) {
    return (
      <main className="wall wall--message">
        <h1>监督大屏</h1>
        <p>您的账号没有查看监督看板的权限。</p>
        <p><Link to="/workbench">返回工作台</Link></p>
      </main>
    );
  }
  return <Wall region={region && /^\d{6,9}$/.test(region) ? region : undefined} />;
}

function Wall({ region }: { region?: string }) {
  const overview = useOverview({ region }, { refetchInterval: REFRESH_MS });
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(t);
  }, []);
  const o = overview.data;
  return (
    <main className="wall">
      <header className="wall__header">
        <h1>{o ? `${o.region.name}政务服务监督大屏` : '政务服务监督大屏'}</h1>
        <p className="wall__clock">{chinaDateTime(now.toISOString())}</p>
        <p className="wall__back"><Link to={`/workbench/dashboard${region ? `?region=${region}` : ''}`}>退出大屏</Link></p>
      </header>
      {overview.isError && <p role="alert" className="wall__error">数据加载失败：{errorMessage(overview.error)}（每分钟自动重试）</p>}
      {!o && overview.isPending && <p role="status">正在加载…</p>}
      {o && (
        <>
          <p className="wall__period">统计时段：{o.from} 至 {o.to} · 更新于 {chinaDateTime(o.generatedAt)}</p>
          <ul className="wall__kpis" aria-label="主要指标">
            {headlines(o).map((k) => (
              <li key={k.key} className={k.alert ? 'wall__kpi wall__kpi--alert' : 'wall__kpi'}>
                <span className="wall__kpi-label">{k.label}</span>
                <span className="wall__kpi-value">{k.value}</span>
              </li>
            ))}
          </ul>
          <div className="wall__charts">
            <section className="wall__panel" aria-label="申请和办结趋势"><h2>申请和办结趋势</h2><Chart option={trendOption(o, true)} theme="dark" height={260} /></section>
            <section className="wall__panel" aria-label="申请渠道"><h2>申请渠道</h2><Chart option={channelOption(o, true)} theme="dark" height={260} /></section>
            <section className="wall__panel" aria-label="评价等级"><h2>评价等级</h2><Chart option={ratingOption(o, true)} theme="dark" height={260} /></section>
            {o.region.level === 'county'
              ? <section className="wall__panel" aria-label="镇街综合得分排名"><h2>镇街综合得分排名</h2><Chart option={placeOption(o, true)} theme="dark" height={420} /></section>
              : <section className="wall__panel" aria-label="申请最多的事项"><h2>申请最多的事项</h2><Chart option={itemOption(o, true)} theme="dark" height={320} /></section>}
          </div>
        </>
      )}
    </main>
  );
}
