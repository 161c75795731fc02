import { Alert, Table, type TableColumnsType } from 'antd';
import type { Key, ReactNode } from 'react';
import { errorMessage } from '../api/client.js';
import { useMediaQuery } from './useMediaQuery.js';

/** What the list needs to know of its query (a useQuery result). */
interface ListQuery {
  isPending: boolean;
  isFetching: boolean;
  isError: boolean;
  error: unknown;
}

/**
 * One page of records from a list query: a table on a wide screen, and on a phone — where a table
 * would hide its last columns off-screen — a card for each record. Loading, empty and failed
 * states are told the same way in both.
 */
export function RecordList<T extends object>({
  query,
  items,
  label,
  failed,
  empty,
  rowKey,
  columns,
  scrollX,
  card,
}: {
  query: ListQuery;
  items: T[] | undefined;
  /** the cards' accessible name, e.g. 账号列表 */
  label: string;
  /** the start of the error's title, e.g. 账号列表加载失败 */
  failed: string;
  /** what an empty result says, e.g. 没有符合条件的账号 */
  empty: string;
  rowKey: keyof T & string;
  columns: TableColumnsType<T>;
  scrollX: number;
  /** a record's card (inside its list item) */
  card: (item: T) => ReactNode;
}) {
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const rows = items ?? [];
  return (
    <>
      {query.isError && <Alert type="error" showIcon title={`${failed}：${errorMessage(query.error)}`} style={{ marginBottom: 12 }} />}
      {isMobile ? (
        <>
          {query.isPending && <p role="status">正在加载…</p>}
          {items?.length === 0 && <p>{empty}。</p>}
          <ul className="record-cards" aria-label={label}>
            {rows.map((item) => (
              <li key={item[rowKey] as Key} className="card">
                {card(item)}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Table<T>
          rowKey={rowKey}
          columns={columns}
          dataSource={rows}
          loading={query.isFetching}
          scroll={{ x: scrollX }}
          locale={{ emptyText: query.isPending ? '正在加载…' : empty }}
          pagination={false}
        />
      )}
    </>
  );
}
