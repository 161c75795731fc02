import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Table, Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { CaseList as CaseListData, CaseListItem } from '../../api/cases.js';
import { errorMessage } from '../../api/client.js';
import { useMediaQuery } from '../../components/useMediaQuery.js';
import { chinaDate, chinaDateTime } from '../../dates.js';
import { casePath, channelLabel, GreenChannelTag, StatusTag, WarningTag } from './labels.js';

/** 等我处理: the case waits for an action of the signed-in person (the server says which). */
export function AwaitsMeTag({ c }: { c: Pick<CaseListItem, 'awaitsMe'> }) {
  return c.awaitsMe ? <Tag color="blue" className="case-awaits">等我处理</Tag> : null;
}

const places = (c: CaseListItem) => (c.regionCode === c.handlingRegionCode
  ? <span className="nowrap">{c.regionName}</span>
  // a place's name never breaks; a long pair breaks at the arrow
  : <><span className="nowrap">{c.regionName}</span> → <span className="nowrap">{c.handlingRegionName}</span></>);

/**
 * A staff list of cases (办件工作台, 我代办的): a table on wide screens, cards on phones; each case
 * with its urgency, number and item, applicant (masked), status (and 等我处理), places and dates.
 */
export function CaseList({ query, failed, empty }: { query: UseQueryResult<CaseListData>; failed: string; empty: string }) {
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const columns: TableColumnsType<CaseListItem> = [
    { title: '紧急程度', key: 'urgency', width: 150, render: (_, c) => <><WarningTag c={c} /> <GreenChannelTag c={c} /></> },
    {
      title: '办件编号 / 事项',
      key: 'case',
      width: 260,
      render: (_, c) => (
        <>
          <Link to={casePath(c.id)} className="case-no case-no--nowrap" aria-label={`办件 ${c.caseNo}：${c.itemName}${c.awaitsMe ? '（等我处理）' : ''}`}>
            {c.caseNo}
          </Link>
          <div>{c.itemName}</div>
        </>
      ),
    },
    {
      title: '申请人',
      key: 'applicant',
      render: (_, c) => (
        <>
          <div>{c.applicantName}</div>
          <div className="muted nowrap">{c.applicantIdMasked}</div>
        </>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 130,
      render: (_, c) => (
        <>
          <StatusTag status={c.status} />
          <AwaitsMeTag c={c} />
        </>
      ),
    },
    { title: '收件地 → 办理地', key: 'regions', width: 130, render: (_, c) => places(c) },
    {
      // one column for both dates, so the table fits beside the menu at 1280 px
      title: '申请时间 / 承诺办结',
      key: 'dates',
      render: (_, c) => (
        <>
          <div><span className="nowrap">{chinaDateTime(c.createdAt)}</span> <span className="muted nowrap">{channelLabel(c.channel)}</span></div>
          <div className="nowrap">承诺办结 {c.dueDate ?? '—'}</div>
        </>
      ),
    },
  ];

  return (
    <>
      {query.isError && <Alert type="error" showIcon title={`${failed}：${errorMessage(query.error)}`} style={{ marginBottom: 12 }} />}
      {isMobile ? (
        <>
          {query.isPending && <p>正在加载…</p>}
          {query.data?.items.length === 0 && <p>{empty}。</p>}
          <ul className="record-cards" aria-label="办件列表">
            {query.data?.items.map((c) => (
              <li key={c.id} className={`card case-card case-card--${c.warning}`}>
                <h2 className="record-cards__title">
                  <Link to={casePath(c.id)}>{c.itemName}</Link>
                </h2>
                <p style={{ margin: '0 0 8px' }}>
                  <WarningTag c={c} /> <GreenChannelTag c={c} /> <StatusTag status={c.status} /> <AwaitsMeTag c={c} />
                </p>
                <dl className="summary-kv">
                  <dt>办件编号</dt>
                  <dd className="case-no">{c.caseNo}</dd>
                  <dt>申请人</dt>
                  <dd>
                    {c.applicantName} <span className="muted">{c.applicantIdMasked}</span>
                  </dd>
                  <dt>办理地</dt>
                  <dd>{c.regionCode === c.handlingRegionCode ? c.regionName : `${c.regionName} → ${c.handlingRegionName}`}</dd>
                  <dt>申请</dt>
                  <dd>
                    {chinaDate(c.createdAt)} · {channelLabel(c.channel)}
                  </dd>
                  {c.dueDate && (
                    <>
                      <dt>承诺办结</dt>
                      <dd>{c.dueDate}</dd>
                    </>
                  )}
                </dl>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Table<CaseListItem>
          rowKey="id"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          rowClassName={(c) => `case-row case-row--${c.warning}`}
          size="middle"
          scroll={{ x: 980 }}
          locale={{ emptyText: query.isPending ? '正在加载…' : empty }}
          pagination={false}
        />
      )}
    </>
  );
}
