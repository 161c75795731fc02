/**
 * Parts the 电子证照 pages share: who may see the holder's pages, a licence's status and validity in
 * words, and a 用证记录 list (a licence's own, or all of them).
 */
import { Link } from 'react-router';
import type { LicenceSummary, LicenceUse } from '../../api/licences.js';
import { chineseDate, chineseDateTime } from '../../dates.js';
import { LICENCE_STATUSES, type LicenceStatus } from '../../../shared/licences.js';
import '../../components/tags.css';

const STATUS_TAG: Record<LicenceStatus, string> = { valid: 'tag tag--good', expired: 'tag tag--strong', revoked: 'tag tag--strong' };

/** 有效 / 已过期 / 已注销, in words (never by colour alone). */
export function LicenceStatusTag({ status, label, testId }: { status: LicenceStatus; label?: string; testId?: string }) {
  return (
    <span className={`${STATUS_TAG[status]} licence-status`} data-testid={testId}>
      {label ?? LICENCE_STATUSES[status]}
    </span>
  );
}

/** 有效期: until a day, or 长期有效 (no end). */
export const validUntilText = (validUntil: string | null): string => (validUntil ? `${chineseDate(validUntil)}止` : '长期有效');

/** The validity as the card shows it: 2016年5月1日 至 2036年5月1日止, or 长期有效 from its start. */
export const validityText = (l: Pick<LicenceSummary, 'validFrom' | 'validUntil'>): string =>
  l.validUntil ? `${chineseDate(l.validFrom)} 至 ${chineseDate(l.validUntil)}` : `长期有效（${chineseDate(l.validFrom)}起）`;

/** What a verifier saw of a 亮证 code: the always-shown fields, and what the holder chose beyond them. */
export const shownText = (shown: readonly string[]): string =>
  shown.length ? `基本信息和${shown.join('、')}` : '只有基本信息（姓名、编号部分隐藏）';

/**
 * 用证记录: each use of a licence, newest first as the server gives them — a case it stood in for a
 * material (which case, which material, who used it) or a 亮证 code someone checked.
 * `withType`: name the licence too (the list of all licences' uses).
 */
export function UseList({ uses, withType, labelledBy }: { uses: readonly LicenceUse[]; withType: boolean; labelledBy: string }) {
  return (
    <ul className="licence-uses" aria-labelledby={labelledBy}>
      {uses.map((u, i) => (
        <li key={`${u.at}-${u.licenceId}-${i}`} className="licence-use" data-kind={u.kind}>
          <p className="licence-use__what">
            {withType ? (
              <>
                <Link to={`/my/licences/${encodeURIComponent(u.licenceId)}`}>{u.licenceType}</Link>
                {u.kind === 'case' ? ' 用于办事' : ' 被扫码核验'}
              </>
            ) : u.kind === 'case' ? (
              '用于办事'
            ) : (
              '被扫码核验'
            )}
          </p>
          <dl className="kv licence-compact licence-use__facts">
            <dt>时间</dt>
            <dd>{chineseDateTime(u.at)}</dd>
            <dt>{u.kind === 'case' ? '谁用的' : '核验方式'}</dt>
            <dd>{u.by}</dd>
            {u.kind === 'case' && (
              <>
                {u.itemName && (
                  <>
                    <dt>办理事项</dt>
                    <dd>{u.itemName}</dd>
                  </>
                )}
                {u.caseNo && (
                  <>
                    <dt>办件编号</dt>
                    <dd className="licence-number">{u.caseNo}</dd>
                  </>
                )}
                {u.materialName && (
                  <>
                    <dt>代替的材料</dt>
                    <dd>{u.materialName}</dd>
                  </>
                )}
              </>
            )}
            {u.kind === 'verify' && (
              <>
                <dt>对方看到的</dt>
                <dd>{shownText(u.shown)}</dd>
              </>
            )}
          </dl>
        </li>
      ))}
    </ul>
  );
}
