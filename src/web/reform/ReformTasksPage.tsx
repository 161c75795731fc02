/**
 * 改革任务 (reform.report: the city and the towns): the supervisor's view of who is behind — the
 * summary by lead unit (tasks, done, in progress, 超期, 临期, average progress; the worst first) —
 * and the tasks in the plan's order, each indented under its parent, with its status, progress,
 * deadline and flags (超期, 临期, 已退回 in words). A town sees the tasks it leads, each with the
 * titles of the tasks above it. Filters (status, lead region, 超期, 临期, keyword) live in the
 * address; 导出 Excel takes the same filters. The city (reform.manage) creates tasks here.
 */
import { App, Button, Checkbox, Input, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { REFORM_STATUS_CODES, REFORM_STATUSES, type ReformStatus } from '../../shared/reform.js';
import { errorMessage } from '../api/client.js';
import { scopeRoots } from '../api/session.js';
import { FilterBar, FilterField, FilterSelect } from '../components/FilterBar.js';
import { PageHeading } from '../components/PageHeading.js';
import { RecordList } from '../components/RecordList.js';
import { useUrlFilters } from '../components/useUrlFilters.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';
import { downloadTracker, taskPath, useTaskList, type LeadRow, type TaskFilters, type TaskItem } from './api.js';
import { Flags, ProgressBar, StatusTag, TaskDialog, useLeadRegions } from './parts.js';

export default function ReformTasksRoute() {
  return (
    <RequireAction action="reform.report" title="改革任务">
      <ReformTasksPage />
    </RequireAction>
  );
}

const NAMES = ['status', 'region', 'overdue', 'dueSoon', 'q'] as const;
type Values = Partial<Record<(typeof NAMES)[number], string>>;
const REGION = /^\d{6}(\d{3})?$/;
const isStatus = (s: string | undefined): s is ReformStatus => (REFORM_STATUS_CODES as readonly (string | undefined)[]).includes(s);

/** A task's title: a link, and above it the titles of its parents when the list does not show them. */
function TaskTitle({ t, parentShown }: { t: TaskItem; parentShown: boolean }) {
  return (
    <div style={{ paddingInlineStart: parentShown ? (t.depth - 1) * 20 : 0 }}>
      {!parentShown && t.path.length > 0 && <div className="reform-path">{t.path.join(' › ')} ›</div>}
      <Link to={taskPath(t.id)} className="reform-title">
        {t.title}
      </Link>
      {t.subtasks > 0 && <span className="muted">（{t.subtasks} 项子任务）</span>}
    </div>
  );
}

function ReformTasksPage() {
  const { me } = useWorkbench();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const roots = scopeRoots(me, 'reform.report');
  const regions = useLeadRegions();
  const { values, apply } = useUrlFilters(NAMES);
  const filters: TaskFilters = {
    status: isStatus(values.status) ? values.status : undefined,
    region: values.region && REGION.test(values.region) ? values.region : undefined,
    overdue: values.overdue === '1' || undefined,
    dueSoon: values.dueSoon === '1' || undefined,
    q: values.q?.trim() || undefined,
  };
  const current: Values = { status: filters.status, region: filters.region, overdue: filters.overdue ? '1' : undefined, dueSoon: filters.dueSoon ? '1' : undefined, q: filters.q };
  const [draft, setDraft] = useState<Values>(current);
  const list = useTaskList(filters);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const shownIds = new Set(list.data?.items.map((t) => t.id));
  const canManage = list.data?.canManage ?? false;
  // a town sees only its own towns in the lead region filter
  const regionOptions = canManage ? regions : regions.filter((r) => roots.some((root) => root.code === r.value));

  const exportExcel = async () => {
    setExporting(true);
    try {
      const name = await downloadTracker(filters);
      message.success(`已导出 ${name}`);
    } catch (err) {
      message.error(`导出失败：${errorMessage(err)}`);
    } finally {
      setExporting(false);
    }
  };

  const summaryColumns: TableColumnsType<LeadRow> = [
    { title: '牵头单位', key: 'unit', width: 200, render: (_, s) => s.leadUnit },
    { title: '牵头地区', key: 'region', width: 100, render: (_, s) => s.leadRegion.name },
    { title: '任务数', dataIndex: 'tasks', width: 70 },
    { title: '已完成', dataIndex: 'done', width: 70 },
    { title: '推进中', dataIndex: 'inProgress', width: 70 },
    { title: '待验收', dataIndex: 'awaiting', width: 70 },
    { title: '未开始', dataIndex: 'notStarted', width: 70 },
    { title: '超期', key: 'overdue', width: 70, render: (_, s) => (s.overdue ? <Tag color="error">{s.overdue} 项超期</Tag> : 0) },
    { title: '临期', dataIndex: 'dueSoon', width: 70 },
    { title: '平均进度', key: 'avg', width: 160, render: (_, s) => <ProgressBar value={Math.round(s.avgProgress)} label={s.leadUnit} /> },
  ];

  const columns: TableColumnsType<TaskItem> = [
    { title: '任务', key: 'title', render: (_, t) => <TaskTitle t={t} parentShown={Boolean(t.parentId && shownIds.has(t.parentId))} /> },
    { title: '牵头单位', key: 'lead', width: 170, render: (_, t) => (<><div>{t.leadUnit}</div><div className="muted">{t.leadRegion.name}</div></>) },
    { title: '完成时限', dataIndex: 'deadline', width: 110 },
    { title: '状态', key: 'status', width: 150, render: (_, t) => (<><StatusTag status={t.status} /> <Flags t={t} /></>) },
    { title: '进度', key: 'progress', width: 150, render: (_, t) => <ProgressBar value={t.progress} label={t.title} /> },
  ];

  return (
    <>
      <PageHeading>改革任务</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        镇街村居便民服务体系建设实施方案的任务分解、牵头单位、完成时限和进展。{canManage ? '市行政审批服务局分解任务、验收和督办；' : ''}牵头地区填报进展并上传证明材料，进度达到 100% 即报请验收。超期：已过完成时限未完成；临期：5 个工作日内到期。
        {list.data ? `统计日期 ${list.data.today}。` : ''}
      </p>
      <div className="reform-toolbar">
        {canManage && (
          <Button type="primary" onClick={() => setCreating(true)}>
            新建任务
          </Button>
        )}
        <Button onClick={exportExcel} loading={exporting}>
          导出 Excel
        </Button>
      </div>

      <section aria-labelledby="reform-summary-title">
        <h2 id="reform-summary-title">牵头单位进展汇总</h2>
        <p className="muted" style={{ marginTop: 0 }}>按未分解的任务统计，超期多的、进度慢的在前。</p>
        <RecordList<LeadRow & { key: string }>
          query={list}
          items={list.data?.summary.map((s) => ({ ...s, key: `${s.leadRegion.code}|${s.leadUnit}` }))}
          label="牵头单位进展汇总"
          failed="汇总加载失败"
          empty="暂无任务"
          rowKey="key"
          columns={summaryColumns as TableColumnsType<LeadRow & { key: string }>}
          scrollX={900}
          card={(s) => (
            <>
              <h3 className="record-cards__title">
                {s.leadUnit}（{s.leadRegion.name}）
              </h3>
              <dl className="summary-kv">
                <dt>任务</dt>
                <dd>
                  {s.tasks} 项：已完成 {s.done}，推进中 {s.inProgress}，待验收 {s.awaiting}，未开始 {s.notStarted}
                </dd>
                <dt>超期 / 临期</dt>
                <dd>
                  {s.overdue} / {s.dueSoon}
                </dd>
                <dt>平均进度</dt>
                <dd>
                  <ProgressBar value={Math.round(s.avgProgress)} label={s.leadUnit} />
                </dd>
              </dl>
            </>
          )}
        />
      </section>

      <section aria-labelledby="reform-tasks-title" style={{ marginTop: 24 }}>
        <h2 id="reform-tasks-title">任务清单</h2>
        <FilterBar
          label="筛选改革任务"
          onSearch={() => apply(draft)}
          onReset={() => {
            setDraft({});
            apply({});
          }}
        >
          <FilterSelect<ReformStatus>
            id="reform-status"
            label="状态"
            value={isStatus(draft.status) ? draft.status : undefined}
            onChange={(status) => setDraft({ ...draft, status })}
            placeholder="全部状态"
            options={REFORM_STATUS_CODES.map((s) => ({ value: s, label: REFORM_STATUSES[s] }))}
          />
          {regionOptions.length > 1 && (
            <FilterSelect<string> id="reform-region" label="牵头地区" value={draft.region} onChange={(region) => setDraft({ ...draft, region })} placeholder="全部地区" options={regionOptions} />
          )}
          <FilterField id="reform-q" label="关键词">
            <Input id="reform-q" value={draft.q ?? ''} maxLength={40} onChange={(e) => setDraft({ ...draft, q: e.target.value })} placeholder="任务名称、牵头单位" />
          </FilterField>
          <div className="field field--check">
            <Checkbox checked={draft.overdue === '1'} onChange={(e) => setDraft({ ...draft, overdue: e.target.checked ? '1' : undefined })}>
              只看超期
            </Checkbox>
          </div>
          <div className="field field--check">
            <Checkbox checked={draft.dueSoon === '1'} onChange={(e) => setDraft({ ...draft, dueSoon: e.target.checked ? '1' : undefined })}>
              只看临期
            </Checkbox>
          </div>
        </FilterBar>
        <p role="status" aria-live="polite" style={{ margin: '0 0 12px' }}>
          {list.data ? `共 ${list.data.items.length} 项任务` : ''}
        </p>
        <RecordList<TaskItem>
          query={list}
          items={list.data?.items}
          label="改革任务列表"
          failed="任务列表加载失败"
          empty="没有符合条件的任务"
          rowKey="id"
          columns={columns}
          scrollX={900}
          card={(t) => (
            <>
              {t.path.length > 0 && <div className="reform-path">{t.path.join(' › ')} ›</div>}
              <h3 className="record-cards__title">
                <Link to={taskPath(t.id)}>{t.title}</Link>
              </h3>
              <dl className="summary-kv">
                <dt>状态</dt>
                <dd>
                  <StatusTag status={t.status} /> <Flags t={t} />
                </dd>
                <dt>牵头单位</dt>
                <dd>
                  {t.leadUnit}（{t.leadRegion.name}）
                </dd>
                <dt>完成时限</dt>
                <dd>{t.deadline}</dd>
                <dt>进度</dt>
                <dd>
                  <ProgressBar value={t.progress} label={t.title} />
                </dd>
              </dl>
            </>
          )}
        />
      </section>
      {creating && (
        <TaskDialog
          onClose={() => setCreating(false)}
          onDone={(t) => {
            setCreating(false);
            message.success(`已新建任务「${t.title}」`);
            void navigate(taskPath(t.id));
          }}
        />
      )}
    </>
  );
}
