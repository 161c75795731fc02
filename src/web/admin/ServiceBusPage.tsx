/**
 * 流动服务车（政务服务大篷车）: the routes operating in the administrator's area and their village
 * stops. Adding and changing a route (or retiring it), planning stops — one day, or the same
 * weekday for several weeks with the working-day calendar's days off left out — and cancelling a
 * stop with a reason people see on the village's page. The server checks everything again (scope,
 * villages, overlapping times) and its problems are shown by field, with a summary on top.
 */
import { Alert, App, Button, Checkbox, DatePicker, Drawer, Form, Input, InputNumber, Radio, Select, Space, Tag, type FormInstance, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { BUS_MAX_PLAN_WEEKS, BUS_VISIT_STATUS_CODES, BUS_VISIT_STATUSES, busWeekday, type BusVisitStatus } from '../../shared/service-bus.js';
import { ApiError, errorMessage } from '../api/client.js';
import { scopeRoots } from '../api/session.js';
import {
  useAddBusVisits, useAdminBusRoutes, useAdminBusVisits, useCancelBusVisit, useCreateBusRoute, useUpdateBusRoute,
  type AdminBusRoute, type AdminBusVisit, type AdminVisitFilters,
} from '../api/service-bus.js';
import { BusyButton } from '../components/BusyButton.js';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary.js';
import { FilterBar, FilterSelect } from '../components/FilterBar.js';
import { applyFieldErrors } from '../components/formErrors.js';
import { ListPagination } from '../components/ListPagination.js';
import { PageHeading } from '../components/PageHeading.js';
import { RecordList } from '../components/RecordList.js';
import { RegionTreeSelect } from '../components/RegionTreeSelect.js';
import { SwitchInput } from '../components/SwitchInput.js';
import { useMediaQuery } from '../components/useMediaQuery.js';
import { useUrlFilters } from '../components/useUrlFilters.js';
import { chinaToday, dayOfPicker } from '../dates.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';
import { ActionModal } from './catalog/ActionModal.js';
import { ItemPicker } from './ItemPicker.js';

const VISITS_PAGE_SIZE = 20;

export default function ServiceBusRoute() {
  return (
    <RequireAction action="venue.manage" title="流动服务车">
      <ServiceBusPage />
    </RequireAction>
  );
}

/** 06:00 … 21:30 every half hour: stops start and end on the half hour. */
const TIMES = Array.from({ length: 32 }, (_, i) => `${String(6 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);
const isStatus = (s: string | undefined): s is BusVisitStatus => (BUS_VISIT_STATUS_CODES as readonly (string | undefined)[]).includes(s);
const dayText = (date: string) => `${date}（${busWeekday(date)}）`;

function StatusTag({ visit }: { visit: AdminBusVisit }) {
  return <Tag color={visit.status === 'cancelled' ? 'error' : 'success'}>{BUS_VISIT_STATUSES[visit.status]}</Tag>;
}

/**
 * The server's field problems as an error summary, each linking to its field in the form named
 * `formName` (antd gives a field of form F named x the id F_x); any other refusal as its message.
 */
function problemsOf(err: unknown, formName: string, labels: Record<string, string>): { title: string; items: SummaryItem[] } {
  const problems = err instanceof ApiError ? err.fieldProblems : [];
  if (problems.length === 0) return { title: errorMessage(err), items: [] };
  return {
    title: `没有保存，请修改以下 ${problems.length} 处：`,
    items: problems.map((p, i) => {
      const top = p.field.split('.')[0]!;
      return { key: `${p.field}-${i}`, text: `${labels[top] ?? p.field}：${p.message}`, target: labels[top] ? `${formName}_${top}` : undefined };
    }),
  };
}

/** A form's refused save: its field problems applied to the form and summarised (focused) on top. */
function useSaveFailure(form: FormInstance, formName: string, labels: Record<string, string>) {
  const [failure, setFailure] = useState<{ title: string; items: SummaryItem[] } | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const fail = (err: unknown) => {
    applyFieldErrors(form, err);
    setFailure(problemsOf(err, formName, labels));
    requestAnimationFrame(() => summaryRef.current?.focus());
  };
  return { failure, summaryRef, fail, clear: () => setFailure(null) };
}

/** A drawer holding one form: save and cancel below, the refusal's summary on top. */
function FormDrawer({ open, title, saveText, busy, save, onClose, children }: {
  open: boolean;
  title: string;
  saveText: string;
  busy: boolean;
  save: ReturnType<typeof useSaveFailure> & { submit: () => void };
  onClose: () => void;
  children: ReactNode;
}) {
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const close = () => {
    save.clear();
    onClose();
  };
  return (
    <Drawer
      open={open}
      onClose={close}
      title={title}
      size={isMobile ? '100%' : 560}
      destroyOnHidden
      footer={
        <Space>
          <BusyButton type="primary" onClick={save.submit} busy={busy} busyText="正在保存…">
            {saveText}
          </BusyButton>
          <Button onClick={close}>取消</Button>
        </Space>
      }
    >
      <div ref={save.summaryRef} tabIndex={-1}>
        {save.failure && <ErrorSummary title={save.failure.title} items={save.failure.items} />}
      </div>
      {children}
    </Drawer>
  );
}

function ServiceBusPage() {
  const { me } = useWorkbench();
  const roots = scopeRoots(me, 'venue.manage');
  const routes = useAdminBusRoutes();
  const { values, page, apply } = useUrlFilters(['route', 'status']);
  const filters: AdminVisitFilters = { routeId: values.route, status: isStatus(values.status) ? values.status : undefined, page, pageSize: VISITS_PAGE_SIZE };
  const visits = useAdminBusVisits(filters);
  const [draft, setDraft] = useState<{ route?: string; status?: BusVisitStatus }>({ route: filters.routeId, status: filters.status });
  const [editing, setEditing] = useState<AdminBusRoute | 'new' | null>(null);
  const [planning, setPlanning] = useState<AdminBusRoute | null>(null);
  const [cancelling, setCancelling] = useState<AdminBusVisit | null>(null);
  const today = chinaToday();

  const routeActions = (r: AdminBusRoute, size: 'small' | 'middle' = 'small') => (
    <Space wrap size={[8, 8]}>
      <Button size={size} type="primary" disabled={!r.active} onClick={() => setPlanning(r)} aria-label={`安排停靠：${r.name}`}>
        安排停靠
      </Button>
      <Button size={size} onClick={() => setEditing(r)} aria-label={`修改线路：${r.name}`}>
        修改
      </Button>
    </Space>
  );
  const upcoming = (r: AdminBusRoute) => (r.upcomingVisits ? `${r.upcomingVisits} 次，下次 ${dayText(r.nextVisitDate!)}` : '暂无安排');
  const routeColumns: TableColumnsType<AdminBusRoute> = [
    {
      title: '线路',
      key: 'name',
      render: (_, r) => (
        <>
          <div style={{ fontWeight: 600 }}>{r.name}</div>
          <div className="muted">{r.vehicle || '车辆未登记'}</div>
        </>
      ),
    },
    { title: '运营区域', dataIndex: 'regionName', width: 110 },
    { title: '咨询电话', dataIndex: 'phone', width: 140 },
    { title: '今后停靠', key: 'upcoming', width: 220, render: (_, r) => upcoming(r) },
    { title: '状态', key: 'active', width: 90, render: (_, r) => (r.active ? <Tag color="success">运行中</Tag> : <Tag>已停运</Tag>) },
    { title: '操作', key: 'actions', width: 190, render: (_, r) => routeActions(r) },
  ];

  const cancelButton = (v: AdminBusVisit, size: 'small' | 'middle' = 'small') =>
    v.status === 'planned' && v.date >= today ? (
      <Button size={size} danger onClick={() => setCancelling(v)} aria-label={`取消停靠：${v.date} ${v.villageName}`}>
        取消停靠
      </Button>
    ) : null;
  const visitColumns: TableColumnsType<AdminBusVisit> = [
    { title: '日期', key: 'date', width: 150, render: (_, v) => dayText(v.date) },
    { title: '时间', key: 'time', width: 110, render: (_, v) => `${v.startTime}–${v.endTime}` },
    {
      title: '停靠地点',
      key: 'place',
      render: (_, v) => (
        <>
          <div>
            {v.townName}
            {v.villageName}
          </div>
          <div className="muted">{v.place}</div>
        </>
      ),
    },
    { title: '线路', dataIndex: 'routeName', width: 200 },
    {
      title: '状态',
      key: 'status',
      width: 200,
      render: (_, v) => (
        <>
          <StatusTag visit={v} />
          {v.cancelReason && <div className="muted">原因：{v.cancelReason}</div>}
        </>
      ),
    },
    { title: '操作', key: 'actions', width: 110, render: (_, v) => cancelButton(v) },
  ];

  const routeOptions = (routes.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }));

  return (
    <>
      <PageHeading>流动服务车</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        管理范围：{roots.map((r) => r.name).join('、')}。政务服务大篷车的线路和进村停靠安排，群众在村（社区）页面和服务网点地图上看到；取消停靠须写明原因，群众页面显示「已取消」及原因。
      </p>

      <section aria-labelledby="bus-routes" style={{ marginBottom: 24 }}>
        <Space style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', marginBottom: 8 }}>
          <h2 id="bus-routes" style={{ margin: 0, fontSize: '1.15rem' }}>
            线路
          </h2>
          <Button type="primary" onClick={() => setEditing('new')}>
            新建线路
          </Button>
        </Space>
        <RecordList<AdminBusRoute>
          query={routes}
          items={routes.data?.items}
          label="流动服务车线路"
          failed="线路加载失败"
          empty="本辖区还没有流动服务车线路"
          rowKey="id"
          columns={routeColumns}
          scrollX={980}
          card={(r) => (
            <>
              <h3 className="record-cards__title">
                {r.name} {r.active ? <Tag color="success">运行中</Tag> : <Tag>已停运</Tag>}
              </h3>
              <dl className="summary-kv">
                <dt>运营区域</dt>
                <dd>{r.regionName}</dd>
                <dt>咨询电话</dt>
                <dd>{r.phone}</dd>
                <dt>车辆</dt>
                <dd>{r.vehicle || '未登记'}</dd>
                <dt>今后停靠</dt>
                <dd>{upcoming(r)}</dd>
              </dl>
              {routeActions(r, 'middle')}
            </>
          )}
        />
      </section>

      <section aria-labelledby="bus-visits">
        <h2 id="bus-visits" style={{ fontSize: '1.15rem' }}>
          停靠安排（今天起 60 天）
        </h2>
        <FilterBar label="筛选停靠安排" onSearch={() => apply({ route: draft.route, status: draft.status })} onReset={() => { setDraft({}); apply({}); }}>
          <FilterSelect<string> id="bus-filter-route" label="线路" value={draft.route} onChange={(route) => setDraft({ ...draft, route })} placeholder="全部线路" options={routeOptions} />
          <FilterSelect<BusVisitStatus>
            id="bus-filter-status"
            label="状态"
            value={draft.status}
            onChange={(status) => setDraft({ ...draft, status })}
            placeholder="全部状态"
            options={BUS_VISIT_STATUS_CODES.map((s) => ({ value: s, label: BUS_VISIT_STATUSES[s] }))}
          />
        </FilterBar>
        <p role="status" aria-live="polite" style={{ marginBottom: 12 }}>
          {visits.data ? `共 ${visits.data.total} 次停靠` : ''}
        </p>
        <RecordList<AdminBusVisit>
          query={visits}
          items={visits.data?.items}
          label="停靠安排"
          failed="停靠安排加载失败"
          empty="没有符合条件的停靠安排"
          rowKey="id"
          columns={visitColumns}
          scrollX={980}
          card={(v) => (
            <>
              <h3 className="record-cards__title">
                {dayText(v.date)} {v.startTime}–{v.endTime} <StatusTag visit={v} />
              </h3>
              <dl className="summary-kv">
                <dt>地点</dt>
                <dd>
                  {v.townName}
                  {v.villageName} · {v.place}
                </dd>
                <dt>线路</dt>
                <dd>{v.routeName}</dd>
                {v.cancelReason && (
                  <>
                    <dt>取消原因</dt>
                    <dd>{v.cancelReason}</dd>
                  </>
                )}
              </dl>
              {cancelButton(v, 'middle')}
            </>
          )}
        />
        <ListPagination
          current={filters.page}
          pageSize={VISITS_PAGE_SIZE}
          total={visits.data?.total ?? 0}
          onChange={(next) => apply({ route: filters.routeId, status: filters.status, page: next })}
          label="停靠安排分页"
          unit="次"
        />
      </section>

      <RouteDrawer route={editing} roots={roots} onClose={() => setEditing(null)} />
      <VisitsDrawer route={planning} onClose={() => setPlanning(null)} />
      <CancelDialog visit={cancelling} onClose={() => setCancelling(null)} />
    </>
  );
}

interface RouteValues {
  name: string;
  regionCode?: string;
  phone: string;
  vehicle?: string;
  description?: string;
  itemCodes: string[];
  active: boolean;
}
const ROUTE_LABELS: Record<string, string> = { name: '线路名称', regionCode: '运营区域', phone: '咨询电话', vehicle: '车辆', description: '说明', itemCodes: '可办事项', active: '运行中', version: '版本' };

/** New route, or a change to one (with 停运: refused while stops are still to come). */
function RouteDrawer({ route, roots, onClose }: { route: AdminBusRoute | 'new' | null; roots: { code: string; name: string }[]; onClose: () => void }) {
  const [form] = Form.useForm<RouteValues>();
  const { message } = App.useApp();
  const create = useCreateBusRoute();
  const update = useUpdateBusRoute();
  const save = useSaveFailure(form, 'bus-route', ROUTE_LABELS);
  const existing = route && route !== 'new' ? route : null;
  const onFinish = async (v: RouteValues) => {
    save.clear();
    const body = {
      name: v.name.trim(), regionCode: v.regionCode ?? '', phone: v.phone.trim(), vehicle: v.vehicle?.trim() ?? '', description: v.description?.trim() ?? '',
      itemCodes: (v.itemCodes ?? []).map((c) => c.trim()).filter(Boolean),
    };
    try {
      const saved = existing ? await update.mutateAsync({ id: existing.id, body: { ...body, active: v.active, version: existing.version } }) : await create.mutateAsync(body);
      message.success(existing ? `已保存「${saved.name}」` : `已新建线路「${saved.name}」，现在可以安排停靠`);
      save.clear();
      onClose();
    } catch (err) {
      save.fail(err);
    }
  };
  return (
    <FormDrawer
      open={route !== null}
      onClose={onClose}
      title={existing ? `修改线路：${existing.name}` : '新建流动服务车线路'}
      saveText="保存"
      busy={create.isPending || update.isPending}
      save={{ ...save, submit: () => form.submit() }}
    >
      <Form
        form={form}
        name="bus-route"
        layout="vertical"
        onFinish={onFinish}
        scrollToFirstError
        initialValues={
          existing
            ? { name: existing.name, regionCode: existing.regionCode, phone: existing.phone, vehicle: existing.vehicle, description: existing.description, itemCodes: existing.itemCodes, active: existing.active }
            : { itemCodes: [], active: true, regionCode: roots.length === 1 ? roots[0]!.code : undefined }
        }
      >
        <Form.Item label="线路名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写线路名称' }, { max: 40, message: '不超过 40 字' }]} extra="例如：邹城市政务服务大篷车·东线">
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item label="运营区域" name="regionCode" rules={[{ required: true, message: '请选择运营区域' }]} extra="市或镇（街道）：线路只停靠该区域内的村（社区）">
          <RegionTreeSelect roots={roots} />
        </Form.Item>
        <Form.Item label="咨询电话" name="phone" rules={[{ required: true, whitespace: true, message: '请填写咨询电话' }]} extra="群众在停靠信息旁可一键拨打，例如 0537-5212345">
          <Input type="tel" maxLength={60} autoComplete="off" />
        </Form.Item>
        <Form.Item label="车辆（选填）" name="vehicle" rules={[{ max: 60, message: '不超过 60 字' }]} extra="车牌号和车型，例如：鲁H·D7286 中型客车">
          <Input maxLength={60} autoComplete="off" />
        </Form.Item>
        <Form.Item label="说明（选填）" name="description" rules={[{ max: 300, message: '不超过 300 字' }]}>
          <Input.TextArea maxLength={300} rows={3} />
        </Form.Item>
        <Form.Item label="可办事项（选填）" name="itemCodes" extra="输入事项名称搜索，可选多个。">
          <ItemPicker initial={existing?.items ?? []} />
        </Form.Item>
        {existing && (
          <Form.Item label="运行中" name="active" valuePropName="checked" extra="停运前请先取消该线路今后的全部停靠（并写明原因）">
            <SwitchInput onText="运行中" offText="已停运" />
          </Form.Item>
        )}
        {save.failure && save.failure.items.length === 0 && <Alert type="error" showIcon title={save.failure.title} style={{ marginTop: 8 }} />}
      </Form>
    </FormDrawer>
  );
}

interface VisitValues {
  regionCode?: string;
  date?: Dayjs;
  startTime?: string;
  endTime?: string;
  place: string;
  note?: string;
  repeat: 'once' | 'weekly';
  weeks?: number;
  skipNonWorkingDays: boolean;
}
const VISIT_LABELS: Record<string, string> = {
  regionCode: '停靠村（社区）', date: '日期', startTime: '开始时间', endTime: '结束时间', place: '停靠地点', note: '说明', weeks: '重复周数', skipNonWorkingDays: '跳过节假日和周末',
};

/** 安排停靠: one day, or the same weekday for several weeks. */
function VisitsDrawer({ route, onClose }: { route: AdminBusRoute | null; onClose: () => void }) {
  const [form] = Form.useForm<VisitValues>();
  const { message } = App.useApp();
  const add = useAddBusVisits();
  const save = useSaveFailure(form, 'bus-visits', VISIT_LABELS);
  const repeat = Form.useWatch('repeat', form);
  const today = chinaToday();
  // One array per route: the tree rebuilds its nodes whenever `roots` changes, which would drop a
  // level being opened.
  const routeCode = route?.regionCode;
  const routeRegionName = route?.regionName;
  const villageRoots = useMemo(() => (routeCode && routeRegionName ? [{ code: routeCode, name: routeRegionName }] : []), [routeCode, routeRegionName]);
  const onFinish = async (v: VisitValues) => {
    if (!route || !v.date) return;
    save.clear();
    const weekly = v.repeat === 'weekly';
    try {
      const res = await add.mutateAsync({
        routeId: route.id,
        body: {
          regionCode: v.regionCode ?? '', date: dayOfPicker(v.date), startTime: v.startTime ?? '', endTime: v.endTime ?? '', place: v.place.trim(), note: v.note?.trim() ?? '',
          weeks: weekly ? (v.weeks ?? 2) : 1, skipNonWorkingDays: weekly ? v.skipNonWorkingDays : false,
        },
      });
      const skipped = res.skipped.map((s) => `${s.date}（${s.reason}）`).join('、');
      message.success(`已安排 ${res.created.length} 次停靠${skipped ? `；跳过 ${skipped}` : ''}`, 6);
      form.resetFields();
      save.clear();
      onClose();
    } catch (err) {
      save.fail(err);
    }
  };
  return (
    <FormDrawer
      open={route !== null}
      onClose={onClose}
      title={route ? `安排停靠：${route.name}` : '安排停靠'}
      saveText="保存停靠安排"
      busy={add.isPending}
      save={{ ...save, submit: () => form.submit() }}
    >
      {route && (
        <Form form={form} name="bus-visits" layout="vertical" onFinish={onFinish} scrollToFirstError initialValues={{ repeat: 'once', weeks: 4, skipNonWorkingDays: true, startTime: '09:00', endTime: '11:30' }}>
          <Form.Item label="停靠村（社区）" name="regionCode" rules={[{ required: true, message: '请选择停靠的村（社区）' }]} extra={`${route.regionName}内的村（社区）`}>
            <RegionTreeSelect roots={villageRoots} />
          </Form.Item>
          <Form.Item label="停靠地点" name="place" rules={[{ required: true, whitespace: true, message: '请填写停靠地点' }, { max: 60, message: '不超过 60 字' }]} extra="例如：村委会广场、便民服务站门前">
            <Input maxLength={60} autoComplete="off" />
          </Form.Item>
          <Form.Item label="日期" name="date" rules={[{ required: true, message: '请选择日期' }]} extra="格式：年-月-日，例如 2026-12-01。可直接输入。">
            <DatePicker
              format="YYYY-MM-DD"
              placeholder="请选择日期"
              style={{ width: '100%', maxWidth: 280 }}
              inputReadOnly={false}
              allowClear={false}
              disabledDate={(d) => dayOfPicker(d) < today}
            />
          </Form.Item>
          <Space wrap size={[16, 0]}>
            <Form.Item label="开始时间" name="startTime" rules={[{ required: true, message: '请选择开始时间' }]}>
              <Select options={TIMES.map((t) => ({ value: t, label: t }))} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item
              label="结束时间"
              name="endTime"
              dependencies={['startTime']}
              rules={[
                { required: true, message: '请选择结束时间' },
                ({ getFieldValue }) => ({
                  validator: (_, value: string | undefined) => (!value || !getFieldValue('startTime') || value > getFieldValue('startTime') ? Promise.resolve() : Promise.reject(new Error('结束时间应晚于开始时间'))),
                }),
              ]}
            >
              <Select options={TIMES.map((t) => ({ value: t, label: t }))} style={{ width: 120 }} />
            </Form.Item>
          </Space>
          <Form.Item label="重复" name="repeat">
            <Radio.Group
              options={[
                { value: 'once', label: '只安排这一天' },
                { value: 'weekly', label: '每周同一天重复' },
              ]}
            />
          </Form.Item>
          {repeat === 'weekly' && (
            <>
              <Form.Item label="重复周数" name="weeks" rules={[{ required: true, message: '请填写重复周数' }]} extra={`含第一次，2–${BUS_MAX_PLAN_WEEKS} 周`}>
                <InputNumber min={2} max={BUS_MAX_PLAN_WEEKS} precision={0} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name="skipNonWorkingDays" valuePropName="checked" extra="按工作日历跳过法定节假日和周末（调休上班日照常安排）">
                <Checkbox>跳过节假日和周末</Checkbox>
              </Form.Item>
            </>
          )}
          <Form.Item label="说明（选填）" name="note" rules={[{ max: 200, message: '不超过 200 字' }]} extra="例如：可办理社保卡补领，请带身份证">
            <Input.TextArea maxLength={200} rows={2} />
          </Form.Item>
        </Form>
      )}
    </FormDrawer>
  );
}

/** 取消停靠: a reason is required, and people see it on the village's page. */
function CancelDialog({ visit, onClose }: { visit: AdminBusVisit | null; onClose: () => void }) {
  const { message } = App.useApp();
  const cancel = useCancelBusVisit();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setReason('');
    setError(null);
    onClose();
  };
  const confirm = async () => {
    if (!visit) return;
    if (reason.trim().length < 2) {
      setError('请填写取消原因（群众会在页面上看到），例如：车辆检修。');
      return;
    }
    setError(null);
    try {
      await cancel.mutateAsync({ id: visit.id, reason: reason.trim() });
      message.success(`已取消 ${visit.date} 到${visit.villageName}的停靠，群众页面显示“已取消”及原因`);
      close();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <ActionModal open={Boolean(visit)} title="取消停靠" width={520} onClose={close} closeText="返回" action="确认取消停靠" busy={cancel.isPending} busyText="正在保存…" onAction={confirm}>
      {visit && (
        <>
          <p>
            {dayText(visit.date)} {visit.startTime}–{visit.endTime}，{visit.townName}
            {visit.villageName} · {visit.place}（{visit.routeName}）
          </p>
          <p className="muted">取消后，这次停靠仍显示在村（社区）页面和服务网点地图上，标明「已取消」和下面填写的原因，以免群众白跑。</p>
          <label htmlFor="bus-cancel-reason" style={{ display: 'block', marginBottom: 4 }}>
            取消原因（必填）
          </label>
          <Input.TextArea id="bus-cancel-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} showCount rows={3} placeholder="例如：车辆检修，本次停靠取消，下周照常" />
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
        </>
      )}
    </ActionModal>
  );
}
