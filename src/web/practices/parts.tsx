/** Pieces the 典型案例 workbench pages share: the status in words (never colour alone). */
import { Tag } from 'antd';
import { PRACTICE_STATUSES, type PracticeStatus } from '../../shared/practices.js';

const COLOURS: Record<PracticeStatus, string> = { draft: 'default', submitted: 'blue', returned: 'warning', published: 'success', withdrawn: 'default' };

export function PracticeStatusTag({ status, reviewer }: { status: PracticeStatus; reviewer?: boolean }) {
  return <Tag color={COLOURS[status]}>{reviewer && status === 'submitted' ? '待审核' : PRACTICE_STATUSES[status]}</Tag>;
}

export function TrainingTag() {
  return <Tag color="purple">推荐用于培训</Tag>;
}
