/** 实名状态 in words, for 实名信息, 我的 and 网上申请: 已核验（来源）/ 本人申报，未核验 / 未填写. */
import type { RealNameStatus } from '../../api/profile.js';
import '../../components/tags.css';

export function realNameText(status: RealNameStatus, source?: string | null): string {
  if (status === 'verified') return source ? `已核验（${source}）` : '已核验';
  if (status === 'declared') return '本人申报，未核验';
  return '未填写';
}

const TAG_CLASS: Record<RealNameStatus, string> = { verified: 'tag tag--good', declared: 'tag', none: 'tag tag--strong' };

/** The status as a tag (its words say it all: the colour only repeats them). */
export function RealNameBadge({ status, source }: { status: RealNameStatus; source?: string | null }) {
  return <span className={TAG_CLASS[status]} data-testid="real-name-status">{realNameText(status, source)}</span>;
}
