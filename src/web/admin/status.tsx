import { Tag } from 'antd';
import type { User } from '../api/types.js';
import { chinaShortDateTime } from '../dates.js';

/** An account's state in words (never colour alone). */
export function statusTag(u: User) {
  if (!u.active) return <Tag color="default">已停用</Tag>;
  if (u.lockedUntil) return <Tag color="warning">已锁定至 {chinaShortDateTime(u.lockedUntil)}</Tag>;
  return <Tag color="success">正常</Tag>;
}
