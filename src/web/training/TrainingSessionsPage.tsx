/**
 * 培训记录 (training.manage): the sessions organised in the person's area — a town admin their
 * town's, the city all — newest first, by year, organiser, form, state and words of the topic or
 * trainer; the year's figures per organiser (sessions, 学时, people trained, 人次学时) the auditors
 * ask for; 登记培训 (a dialog); the Excel export of what the filters find.
 */
import { Button, Input, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { TRAINING_FORM_CODES, TRAINING_FORMS, TRAINING_STATUS_CODES, TRAINING_STATUSES, hoursText, type TrainingForm, type TrainingStatus } from '../../shared/training.js';
import { scopeRoots } from '../api/session.js';
import { sessionsExportPath, useTrainingSessions, useTrainingSummary, type TrainingFilters, type TrainingSessionItem, type TrainingSummary } from '../api/training.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { FilterBar, FilterField } from '../components/FilterBar.js';
import { ListPagination } from '../components/ListPagination.js';
import { PageHeading } from '../components/PageHeading.js';
import { RecordList } from '../components/RecordList.js';
import { RegionTreeSelect } from '../components/RegionTreeSelect.js';
import { useUrlFilters } from '../components/useUrlFilters.js';
import { chinaToday } from '../dates.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';
import { SessionDialog, sessionDates, sessionPath, TrainingStatusTag } from './TrainingParts.js';

const PAGE_SIZE = 20;

export default function TrainingSessionsRoute() {
  return (
    <RequireAction action="training.manage" title="培训记录">
      <TrainingSessionsPage />
    </RequireAction>
  );
}

const NAMES = ['year', 'region', 'form', 'status', 'q'] as const;
type Values = Partial<Record<(typeof NAMES)[number], string>>;
const REGION = /^\d{6}(\d{3}(\d{3})?)?$/;
const isForm = (s: string | undefined): s is TrainingForm => (TRAINING_FORM_CODES as readonly (string | undefined)[]).includes(s);
const isStatus = (s: string | undefined): s is TrainingStatus => (TRAINING_STATUS_CODES as readonly (string | undefined)[]).includes(s);

/** The year's figures per organiser, and in all. */
function YearFigures({ summary, failed }: { summary: TrainingSummary | undefined; failed: boolean }) {
  if (failed) return <ErrorAlert title="年度统计加载失败，请刷新页面重试" style={{ marginBottom: 12 }} />;
  if (!summary) return <p role="status">正在加载年度统计…</p>;
  const t = summary.totals;
  type Row = TrainingSummary['rows'][number];
  const columns: TableColumnsType<Row> = [
    { title: '组织单位', dataIndex: 'regionName', key: 'regionName' },
    { title: '培训场次', dataIndex: 'sessions', key: 'sessions', align: 'right' },
    { title: '已举办', dataIndex: 'held', key: 'held', align: 'right' },
    { title: '学时', key: 'hours', align: 'right', render: (_, r) => hoursText(r.hours) },
    { title: '培训人数', dataIndex: 'people', key: 'people', align: 'right' },
    { title: '人次学时', key: 'personHours', align: 'right', render: (_, r) => hoursText(r.personHours) },
  ];
  return (
    <section aria-labelledby="training-year-title" className="card training-section" style={{ marginBottom: 16 }}>
      <h2 id="training-year-title">
        {summary.year} 年培训统计（{summary.regionName}）
      </h2>
      <dl className="training-figures">
        <div>
          <dt>培训场次</dt>
          <dd>{t.sessions}</dd>
        </div>
        <div>
          <dt>已举办</dt>
          <dd>{t.held}</dd>
        </div>
        <div>
          <dt>培训学时</dt>
          <dd>{hoursText(t.hours)}</dd>
        </div>
        <div>
          <dt>培训人数</dt>
          <dd>{t.people}</dd>
        </div>
        <div>
          <dt>人次学时</dt>
          <dd>{hoursText(t.personHours)}</dd>
        </div>
      </dl>
      {summary.rows.length > 1 && (
        <Table<Row> rowKey="regionCode" columns={columns} dataSource={summary.rows} pagination={false} size="small" scroll={{ x: 560 }} />
      )}
      <p className="muted" style={{ margin: '8px 0 0' }}>
        培训人数：参加了已举办培训的人（同一人只计一次）；人次学时：每人每场计入的学时之和。
      </p>
    </section>
  );
}

function TrainingSessionsPage() {
  const { me } = useWorkbench();
  const navigate = useNavigate();
  const roots = scopeRoots(me, 'training.manage');
  const { values, page, apply } = useUrlFilters(NAMES);
  const thisYear = Number(chinaToday().slice(0, 4));
  const year = values.year === 'all' ? undefined : Number(values.year) || thisYear;
  const region = values.region && REGION.test(values.region) ? values.region : undefined;
  const form = isForm(values.form) ? values.form : undefined;
  const status = isStatus(values.status) ? values.status : undefined;
  const q = values.q?.trim() || undefined;
  const filters: TrainingFilters = { year, region, form, status, q, page, pageSize: PAGE_SIZE };
  const list = useTrainingSessions(filters);
  const summary = useTrainingSummary(year ?? thisYear, region);
  const current: Values = { year: values.year, region, form, status, q };
  const [draft, setDraft] = useState<Values>(current);
  const [creating, setCreating] = useState(false);
  const years = Array.from({ length: 5 }, (_, i) => thisYear + 1 - i);

  const columns: TableColumnsType<TrainingSessionItem> = [
    { title: '培训日期', key: 'date', width: 130, render: (_, s) => sessionDates(s) },
    {
      title: '培训主题',
      key: 'topic',
      render: (_, s) => (
        <>
          <Link to={sessionPath(s.id)}>{s.topic}</Link>
          <div className="muted">{[s.trainer, s.trainerUnit].filter(Boolean).join('，')}</div>
        </>
      ),
    },
    { title: '组织单位', key: 'region', width: 100, render: (_, s) => s.regionName },
    { title: '形式', key: 'form', width: 100, render: (_, s) => s.formLabel },
    { title: '学时', key: 'hours', width: 70, render: (_, s) => hoursText(s.hours) },
    { title: '参训', key: 'people', width: 100, render: (_, s) => `${s.attended} / ${s.participants} 人` },
    { title: '状态', key: 'status', width: 90, render: (_, s) => <TrainingStatusTag status={s.status} /> },
  ];

  return (
    <>
      <PageHeading>培训记录</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        本辖区（{roots.map((r) => r.name).join('、') || '—'}）组织的窗口人员、审批人员和帮办代办员培训：登记培训场次、参训人员和参训情况，统计每人每年的学时。
      </p>
      <div className="training-actions">
        <Button type="primary" onClick={() => setCreating(true)}>
          登记培训
        </Button>
        <Button href={sessionsExportPath({ year, region, form, status, q })} download>
          导出 Excel
        </Button>
      </div>
      <YearFigures summary={summary.data} failed={summary.isError} />
      <FilterBar
        label="筛选培训"
        onSearch={() => apply(draft)}
        onReset={() => {
          setDraft({});
          apply({});
        }}
      >
        <FilterField id="training-year" label="年度">
          <Select
            id="training-year"
            value={draft.year ?? String(thisYear)}
            onChange={(v: string) => setDraft({ ...draft, year: v === String(thisYear) ? undefined : v })}
            options={[...years.map((y) => ({ value: String(y), label: `${y} 年` })), { value: 'all', label: '全部年度' }]}
            style={{ width: 130 }}
          />
        </FilterField>
        <FilterField id="training-region" label="组织单位">
          <RegionTreeSelect id="training-region" roots={roots} value={draft.region} onChange={(r) => setDraft({ ...draft, region: r })} placeholder="本辖区全部" />
        </FilterField>
        <FilterField id="training-form" label="培训形式">
          <Select
            id="training-form"
            allowClear
            placeholder="全部"
            value={draft.form}
            onChange={(v?: string) => setDraft({ ...draft, form: v })}
            options={TRAINING_FORM_CODES.map((f) => ({ value: f, label: TRAINING_FORMS[f] }))}
            style={{ width: 130 }}
          />
        </FilterField>
        <FilterField id="training-status" label="状态">
          <Select
            id="training-status"
            allowClear
            placeholder="全部"
            value={draft.status}
            onChange={(v?: string) => setDraft({ ...draft, status: v })}
            options={TRAINING_STATUS_CODES.map((s) => ({ value: s, label: TRAINING_STATUSES[s] }))}
            style={{ width: 120 }}
          />
        </FilterField>
        <FilterField id="training-q" label="关键词">
          <Input id="training-q" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} placeholder="主题、授课人或内容" allowClear style={{ width: 200 }} />
        </FilterField>
      </FilterBar>
      <p role="status" aria-live="polite" style={{ margin: '0 0 12px' }}>
        {list.data ? `共 ${list.data.total} 次培训` : ''}
      </p>
      <RecordList<TrainingSessionItem>
        query={list}
        items={list.data?.items}
        label="培训列表"
        failed="培训列表加载失败"
        empty="没有符合条件的培训"
        rowKey="id"
        columns={columns}
        scrollX={900}
        card={(s) => (
          <>
            <h2 className="record-cards__title">
              <Link to={sessionPath(s.id)}>{s.topic}</Link> <TrainingStatusTag status={s.status} />
            </h2>
            <dl className="summary-kv">
              <dt>日期</dt>
              <dd>{sessionDates(s)}</dd>
              <dt>组织单位</dt>
              <dd>{s.regionName}</dd>
              <dt>形式、学时</dt>
              <dd>
                {s.formLabel}，{hoursText(s.hours)} 学时
              </dd>
              <dt>参训</dt>
              <dd>
                实到 {s.attended} 人，名单 {s.participants} 人
              </dd>
            </dl>
          </>
        )}
      />
      <ListPagination current={page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} onChange={(next) => apply({ ...current, page: next })} label="培训分页" unit="次" />
      {creating && <SessionDialog roots={roots} onClose={() => setCreating(false)} onSaved={(s) => navigate(sessionPath(s.id))} />}
    </>
  );
}
