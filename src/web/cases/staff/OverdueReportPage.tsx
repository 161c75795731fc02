import { Alert, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useOverdueReport, type OverdueRow } from '../../api/cases.js';
import { errorMessage } from '../../api/client.js';
import { PageHeading } from '../../components/PageHeading.js';
import { useMediaQuery } from '../../components/useMediaQuery.js';
import { RequireAction } from '../../staff/RequireAction.js';
import { casesPath } from './labels.js';
import './cases.css';

export default function OverdueReportRoute() {
  return (
    <RequireAction action="case.view" title="超期预警">
      <OverdueReportPage />
    </RequireAction>
  );
}

/** A count that leads to the cases behind it (zero stays plain text: nothing to open). */
function CountLink({ n, to, label, tone }: { n: number; to: string; label: string; tone?: 'red' | 'yellow' }) {
  const cls = `overdue-count${tone && n > 0 ? ` overdue-count--${tone}` : ''}`;
  if (n === 0) return <span className={cls}>0</span>;
  return (
    <Link to={to} className={cls} aria-label={label}>
      {n}
    </Link>
  );
}

function OverdueReportPage() {
  const report = useOverdueReport();
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const rows = report.data?.items ?? [];
  const totals = rows.reduce((t, r) => ({ open: t.open + r.open, yellow: t.yellow + r.yellow, red: t.red + r.red }), { open: 0, yellow: 0, red: 0 });

  const openLink = (r: OverdueRow) => casesPath({ region: r.regionCode });
  const redLink = (r: OverdueRow) => casesPath({ region: r.regionCode, overdue: '1' });

  const columns: TableColumnsType<OverdueRow> = [
    { title: '镇（街道）', dataIndex: 'regionName', key: 'name' },
    {
      title: '在办',
      key: 'open',
      align: 'right',
      render: (_, r) => <CountLink n={r.open} to={openLink(r)} label={`${r.regionName}在办 ${r.open} 件，查看`} />,
    },
    {
      title: '黄灯（临近到期）',
      key: 'yellow',
      align: 'right',
      render: (_, r) => <CountLink n={r.yellow} to={openLink(r)} tone="yellow" label={`${r.regionName}黄灯 ${r.yellow} 件，按紧急程度查看`} />,
    },
    {
      title: '红灯（超期）',
      key: 'red',
      align: 'right',
      render: (_, r) => <CountLink n={r.red} to={redLink(r)} tone="red" label={`${r.regionName}超期 ${r.red} 件，查看`} />,
    },
  ];

  return (
    <>
      <PageHeading>超期预警</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        按镇（街道）统计在办件（含所辖村、社区收件）。黄灯：剩余不超过 1 个工作日或不足时限的 40%；红灯：已超过承诺办结日期。特别程序和补正期间暂停计时。
        {report.data ? `统计日期：${report.data.asOf}。` : ''}
      </p>
      <p>
        <Link to={casesPath()}>← 办件工作台</Link>
      </p>
      {report.isError && <Alert type="error" showIcon title={`统计加载失败：${errorMessage(report.error)}`} style={{ marginBottom: 12 }} />}
      {report.data && (
        <p role="status" className="overdue-summary">
          合计：在办 <strong>{totals.open}</strong> 件，黄灯 <strong>{totals.yellow}</strong> 件，红灯 <strong>{totals.red}</strong> 件。
        </p>
      )}
      {isMobile ? (
        <>
          {report.isPending && <p>正在加载…</p>}
          <ul className="record-cards" aria-label="各镇街超期预警">
            {rows.map((r) => (
              <li key={r.regionCode} className="card">
                <h2 className="record-cards__title">{r.regionName}</h2>
                <dl className="summary-kv">
                  <dt>在办</dt>
                  <dd>
                    <CountLink n={r.open} to={openLink(r)} label={`${r.regionName}在办 ${r.open} 件，查看`} />
                  </dd>
                  <dt>黄灯</dt>
                  <dd>
                    <CountLink n={r.yellow} to={openLink(r)} tone="yellow" label={`${r.regionName}黄灯 ${r.yellow} 件，按紧急程度查看`} />
                  </dd>
                  <dt>红灯</dt>
                  <dd>
                    <CountLink n={r.red} to={redLink(r)} tone="red" label={`${r.regionName}超期 ${r.red} 件，查看`} />
                  </dd>
                </dl>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Table<OverdueRow>
          rowKey="regionCode"
          columns={columns}
          dataSource={rows}
          loading={report.isFetching}
          pagination={false}
          locale={{ emptyText: report.isPending ? '正在加载…' : '辖区内没有镇（街道）' }}
          summary={() =>
            rows.length > 1 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {totals.open}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {totals.yellow}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {totals.red}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      )}
    </>
  );
}
