/**
 * A workbench record page whose record did not load: not found (404, or an id that is not one:
 * 400) — the id is wrong or the record is outside the person's area, which the server answers alike
 * — or another failure in the server's words; and the way back to its list.
 */
import { Alert } from 'antd';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../api/client.js';
import { PageHeading } from './PageHeading.js';

export interface RecordUnavailableProps {
  error: unknown;
  /** what the page shows: 办件, 任务, 差评 … */
  noun: string;
  /** 没有找到这个办件 */
  missing: string;
  /** why it may not be found: 办件编号有误，或该办件不在您的辖区内。 */
  hint: string;
  back: { to: string; label: string };
}

export function RecordUnavailable({ error, noun, missing, hint, back }: RecordUnavailableProps) {
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  return (
    <>
      <PageHeading>{notFound ? `${noun}不存在或无权查看` : `${noun}加载失败`}</PageHeading>
      <Alert
        type={notFound ? 'warning' : 'error'}
        showIcon
        title={notFound ? `${missing}（404）` : `${noun}加载失败：${errorMessage(error)}`}
        description={notFound ? hint : undefined}
        style={{ marginBottom: 16, maxWidth: 640 }}
      />
      <Link to={back.to}>返回{back.label}</Link>
    </>
  );
}
