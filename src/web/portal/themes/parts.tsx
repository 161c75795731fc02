/** Parts the 一件事 application pages share. */
import { Link } from 'react-router';
import { ApiError } from '../../api/client.js';
import { themeHref, useTheme, type ThemeApplication } from '../../api/themes.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { CaseNumber } from '../../components/CaseNumber.js';
import { chineseDate } from '../../dates.js';
import type { CaseStatus } from '../../../shared/cases.js';
import { StatusBadge } from '../cases/StatusBadge.js';
import { PhoneLinks } from '../catalog/format.js';
import '../../components/kv.css';
import '../../components/tags.css';

/** Items that apply but are done at the window: where and whom to ring. */
export function InPersonList({ items }: { items: ThemeApplication['inPerson'] }) {
  if (items.length === 0) return null;
  return (
    <section className="card" aria-labelledby="theme-in-person">
      <h2 id="theme-in-person">还须到窗口办理的事项</h2>
      <p>下列事项需要本人（或带上孩子等）到窗口办理，不能网上申请：</p>
      <ul className="theme-in-person">
        {items.map((i) => (
          <li key={i.itemCode}>
            <strong>{i.itemName}</strong>
            <dl className="kv kv--compact">
              <dt>办理地点</dt>
              <dd>{i.location || '请拨打咨询电话询问'}</dd>
              <dt>咨询电话</dt>
              <dd>{i.phone ? <PhoneLinks value={i.phone} /> : '暂未公布'}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}

const STATE_TAG: Record<ThemeApplication['state'], string> = { in_progress: 'tag', needs_action: 'tag tag--strong', done: 'tag tag--good' };

/** 办理中 / 需补正 / 已全部办结, in words (never by colour alone). */
export function ThemeStateTag({ state, label, testId }: { state: ThemeApplication['state']; label: string; testId?: string }) {
  return (
    <span className={STATE_TAG[state]} data-testid={testId}>
      {label}
    </span>
  );
}

/** One child case of a theme application: its item, number, status, due date once accepted, and its page. */
export function ThemeCaseCard({ child: c, linkText }: { child: ThemeApplication['cases'][number]; linkText: string }) {
  return (
    <li className="theme-result-case">
      <h3>{c.itemName}</h3>
      <dl className="kv kv--compact">
        <dt>办件编号</dt>
        <dd>
          <CaseNumber caseNo={c.caseNo} />
        </dd>
        <dt>办理单位</dt>
        <dd>{c.handlingPlace}</dd>
        <dt>当前状态</dt>
        <dd>
          <StatusBadge status={c.status as CaseStatus} label={c.statusLabel} />
        </dd>
        {c.result && (
          <>
            <dt>办理结果</dt>
            <dd>{c.result === 'approved' ? '准予' : '不予'}{c.resultNote ? `：${c.resultNote}` : ''}</dd>
          </>
        )}
        {c.dueDate && (
          <>
            <dt>应办结日期</dt>
            <dd>{chineseDate(c.dueDate)}</dd>
          </>
        )}
      </dl>
      <p>
        <Link to={`/my/cases/${encodeURIComponent(c.id)}`}>
          {linkText}
          <span className="visually-hidden">：{c.itemName}</span>
        </Link>
      </p>
    </li>
  );
}

/** The place asked for is outside a town's own theme (400 THEME_NOT_OFFERED_HERE). */
export const isNotOfferedHere = (err: unknown) => err instanceof ApiError && err.code === 'THEME_NOT_OFFERED_HERE';

/** A town's own theme asked for at another place: where it is offered, and the way there. */
export function NotOfferedHere({ code, error }: { code: string; error: unknown }) {
  const theme = useTheme(code, undefined);
  if (theme.isPending) return <PageLoading label="正在加载一件事…" />;
  const town = theme.data?.offeredIn;
  return (
    <>
      <PageHeading>{theme.data ? `${theme.data.name}只在${town?.name ?? '本地'}办理` : '这件一件事不在所选地点办理'}</PageHeading>
      <p className="notice notice--warn" role="alert">
        {error instanceof ApiError ? error.message : '这件一件事不在所选地点办理。'}
      </p>
      <ul className="link-row">
        {town && (
          <li>
            <Link to={themeHref(code, town.code)}>查看{town.name}的办事指引</Link>
          </li>
        )}
        <li>
          <Link to="/themes">查看全部一件事</Link>
        </li>
      </ul>
    </>
  );
}

/** 适用范围 of a town's own theme, in words. */
export function OfferedInNotice({ offeredIn }: { offeredIn: { code: string; name: string } | null }) {
  if (!offeredIn) return null;
  return (
    <p className="notice notice--info">
      这是<strong>{offeredIn.name}</strong>的“一件事”，只在{offeredIn.name}及其村（社区）办理。
    </p>
  );
}
