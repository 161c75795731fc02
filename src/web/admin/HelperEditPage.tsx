/**
 * One 帮办代办员 in the workbench (帮办代办员 › a helper, or 添加帮办代办员): who they are, their work
 * phone (public on the village pages), the town they belong to and the places they cover (villages
 * of the town, or all of it), their grid, whether they are the town's coordinator, the items they
 * help with, when they are on duty, the helper-role staff account they will work in, and whether
 * they are on the roster. Saving is version-checked: if someone else saved first, nothing is
 * overwritten and the page offers to load the latest. Withdrawing asks first; leaving with unsaved
 * changes asks too (LeaveGuard).
 *
 * Duty hours are typed per weekday as on a venue's page (VenueEditPage), read with the same
 * parser (venueHoursText.ts); the weekday fields are this form's own.
 */
import { Alert, App, Button, Card, Form, Input, Radio, Select, Space } from 'antd';
import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { Link, useNavigate, useParams } from 'react-router';
import { COORDINATOR_LABEL, HELPER_TYPE_CODES, HELPER_TYPES, normaliseHelperPhone, type HelperType } from '../../shared/helpers.js';
import { WEEKDAYS, type Weekday } from '../../shared/venue-hours.js';
import { ApiError, errorMessage } from '../api/client.js';
import { useHelperAccounts, useHelperRecord, useSaveHelper, type HelperInput, type HelperRecord } from '../api/helperRecords.js';
import { useRegionChildren } from '../api/regions.js';
import { actionsOf } from '../api/session.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { BusyButton } from '../components/BusyButton.js';
import { SELECT_CLEAR } from '../components/clear.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary.js';
import { FieldGroup } from '../components/FieldGroup.js';
import { applyFieldErrors } from '../components/formErrors.js';
import { PageHeading } from '../components/PageHeading.js';
import { PageLoading } from '../components/PageLoading.js';
import { SwitchInput } from '../components/SwitchInput.js';
import { LeaveGuard } from '../forms/designer/LeaveGuard.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';
import './catalog/catalog-admin.css';
import { helperHref, useManagedTowns, type Town } from './HelperParts.js';
import { ItemPicker } from './ItemPicker.js';
import { dayHoursText, parseDayHours } from './venueHoursText.js';

const FORM = 'helper';
const DAY_NAMES: Record<Weekday, string> = { '1': '周一', '2': '周二', '3': '周三', '4': '周四', '5': '周五', '6': '周六', '7': '周日' };

interface Values {
  name: string;
  type?: HelperType;
  phone: string;
  townCode?: string;
  /** town: the whole town; villages: the villages chosen below */
  areaMode: 'town' | 'villages';
  villages: string[];
  grid: string;
  coordinator: boolean;
  itemCodes: string[];
  calendar: 'working' | 'own';
  week: Record<Weekday, string>;
  dutyNote: string;
  staffId?: string | null;
  active: boolean;
}

export default function HelperEditRoute() {
  return (
    <RequireAction action="helper.manage" title="帮办代办员">
      <HelperEditPage />
    </RequireAction>
  );
}

function HelperEditPage() {
  const { id } = useParams();
  const isNew = id === 'new';
  const record = useHelperRecord(isNew ? null : (id ?? null));
  // a form reads its initial values once: a new helper's town (a town admin's own) must be known first
  const { me } = useWorkbench();
  const towns = useManagedTowns(me);
  const title = isNew ? '添加帮办代办员' : (record.data?.name ?? '帮办代办员');
  return (
    <>
      <Breadcrumbs items={[{ label: '帮办代办员', to: '/workbench/helpers' }, { label: title }]} />
      <PageHeading>{title}</PageHeading>
      {isNew ? (
        towns.pending ? (
          <PageLoading />
        ) : (
          <HelperForm key="new" record={null} />
        )
      ) : record.isPending ? (
        <PageLoading />
      ) : record.isError ? (
        <ErrorAlert title={errorMessage(record.error)} />
      ) : (
        // a new version (our own save, or loading the latest after a conflict) starts the form again
        <HelperForm key={`${record.data.id}:${record.data.version}`} record={record.data} onReload={() => void record.refetch()} />
      )}
    </>
  );
}

function valuesOf(r: HelperRecord | null, towns: Town[]): Values {
  const week = Object.fromEntries(WEEKDAYS.map((d) => [d, dayHoursText(r?.duty.week[d])])) as Record<Weekday, string>;
  if (!r) {
    return {
      name: '', phone: '', townCode: towns.length === 1 ? towns[0]!.code : undefined, areaMode: 'villages', villages: [], grid: '', coordinator: false,
      itemCodes: [], calendar: 'working', week, dutyNote: '', staffId: null, active: true,
    };
  }
  const wholeTown = r.areas.some((a) => a.code === r.townCode);
  return {
    name: r.name, type: r.type, phone: r.phone, townCode: r.townCode, areaMode: wholeTown ? 'town' : 'villages',
    villages: wholeTown ? [] : r.areas.map((a) => a.code), grid: r.grid, coordinator: r.coordinator, itemCodes: r.items.map((i) => i.code),
    calendar: r.duty.calendar, week, dutyNote: r.dutyNote, staffId: r.staff?.id ?? null, active: r.active,
  };
}

function inputOf(v: Values): HelperInput {
  const week: Partial<Record<Weekday, string[]>> = {};
  for (const d of WEEKDAYS) {
    const { intervals } = parseDayHours(v.week[d] ?? '');
    if (intervals.length) week[d] = intervals;
  }
  return {
    name: v.name.trim(), type: v.type!, phone: v.phone.trim(), townCode: v.townCode!,
    areaCodes: v.areaMode === 'town' ? [v.townCode!] : v.villages,
    grid: v.grid.trim(), coordinator: v.coordinator, itemCodes: v.itemCodes, duty: { week, calendar: v.calendar }, dutyNote: v.dutyNote.trim(),
    staffId: v.staffId ?? null,
  };
}

/** The form's field for a server field: duty.week.3.0 → week.3, areaCodes.1 → villages (or the whole-town choice), itemCodes.2 → itemCodes. */
function formFieldOf(field: string, areaMode: Values['areaMode']): string | null {
  const day = /^duty\.week\.(\d)/.exec(field);
  if (day) return `week.${day[1]}`;
  if (field === 'duty' || field === 'duty.week') return 'week.1';
  if (field === 'duty.calendar') return 'calendar';
  if (field.startsWith('areaCodes')) return areaMode === 'town' ? 'areaMode' : 'villages';
  if (field.startsWith('itemCodes')) return 'itemCodes';
  const top = field.split('.')[0]!;
  return top in LABELS ? top : null;
}

const LABELS: Record<string, string> = {
  name: '姓名', type: '类型', phone: '联系电话', townCode: '所属镇（街道）', areaMode: '服务区域', villages: '服务的村（社区）', grid: '网格',
  coordinator: COORDINATOR_LABEL, itemCodes: '帮办事项', calendar: '节假日', dutyNote: '值守说明', staffId: '工作账号',
};
const labelOf = (formField: string) => {
  const day = /^week\.(\d)$/.exec(formField);
  return day ? `值守时间（${DAY_NAMES[day[1] as Weekday]}）` : (LABELS[formField] ?? formField);
};

/** shared/fields.ts personName's rule (the server's check; repeated here so the form says it at once) */
const NAME = /^\s*[\p{Script=Han}A-Za-z·・. ]+\s*$/u;

const phoneRule = {
  validator: async (_: unknown, value: string | undefined) => {
    if (!value?.trim()) throw new Error('请填写联系电话');
    if (normaliseHelperPhone(value) === null) throw new Error('电话应为 11 位手机号码或带区号的固定电话，例如 13905371234、0537-5212345');
  },
};

const dayRule = {
  validator: async (_: unknown, value: string | undefined) => {
    const { problem, intervals } = parseDayHours(value ?? '');
    if (problem) throw new Error(problem);
    if (intervals.length > 4) throw new Error('一天最多 4 个时间段');
  },
};

function HelperForm({ record, onReload }: { record: HelperRecord | null; onReload?: () => void }) {
  const { me } = useWorkbench();
  const { towns } = useManagedTowns(me);
  const canSeeAccounts = actionsOf(me).has('account.view');
  const [form] = Form.useForm<Values>();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const save = useSaveHelper();
  const [dirty, setDirty] = useState(false);
  const [failure, setFailure] = useState<{ title: string; items: SummaryItem[]; stale: boolean } | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [initial] = useState(() => valuesOf(record, towns));
  const townCode = Form.useWatch('townCode', form) ?? initial.townCode;
  const areaMode = Form.useWatch('areaMode', form) ?? initial.areaMode;
  const villages = useRegionChildren(townCode, Boolean(townCode));
  const accounts = useHelperAccounts(townCode, canSeeAccounts);

  const townOptions = towns.map((t) => ({ value: t.code, label: t.name }));
  if (record && !towns.some((t) => t.code === record.townCode)) townOptions.push({ value: record.townCode, label: record.townName });
  const accountOptions = (accounts.data?.items ?? [])
    .filter((u) => townCode && u.roles.some((g) => g.role === 'helper' && (g.regionCode.startsWith(townCode) || townCode.startsWith(g.regionCode))))
    .map((u) => ({ value: u.id, label: `${u.name}（${u.username}${u.active ? '' : '，已停用'}）`, disabled: !u.active }));
  if (record?.staff && !accountOptions.some((o) => o.value === record.staff!.id)) {
    accountOptions.push({ value: record.staff.id, label: record.staff.name ?? '（账号已不存在）', disabled: false });
  }

  const fail = (err: unknown, mode: Values['areaMode']) => {
    const stale = err instanceof ApiError && err.code === 'HELPER_CHANGED';
    const problems = err instanceof ApiError ? err.fieldProblems.filter((p) => p.field) : [];
    const rename: Record<string, string> = {};
    for (const p of problems) {
      const to = formFieldOf(p.field, mode);
      if (to) rename[p.field] = to;
    }
    applyFieldErrors(form, err, rename);
    setFailure(
      problems.length
        ? {
            title: `没有保存，请修改以下 ${problems.length} 处：`,
            stale,
            items: problems.map((p, i) => {
              const to = rename[p.field];
              return { key: `${p.field}-${i}`, text: `${to ? labelOf(to) : p.field}：${p.message}`, target: to ? `${FORM}_${to.replace('.', '_')}` : undefined };
            }),
          }
        : { title: stale ? '没有保存：这位帮办代办员的信息刚被他人修改并保存，为免覆盖他人的修改，请载入最新内容后再改。' : errorMessage(err), items: [], stale },
    );
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const onFinish = async (v: Values) => {
    setFailure(null);
    if (record?.active && !v.active) {
      const confirmed = await modal.confirm({
        title: `停用帮办代办员「${v.name.trim() || record.name}」？`,
        content: '停用后，村（社区）页面和服务地图不再显示此人，求助也不再派给此人；记录保留，可随时恢复。',
        okText: '停用',
        okButtonProps: { danger: true },
        cancelText: '取消',
      });
      if (!confirmed) return;
    }
    try {
      const saved = await save.mutateAsync({ id: record?.id ?? null, version: record?.version, active: v.active, input: inputOf(v) });
      message.success(record && record.active && !saved.active ? '已停用：不再显示在名单上' : '已保存：村（社区）页面的名单已更新');
      flushSync(() => setDirty(false));
      if (!record) navigate(helperHref(saved.id), { replace: true });
    } catch (err) {
      fail(err, v.areaMode);
    }
  };

  return (
    <Form
      form={form}
      name={FORM}
      layout="vertical"
      initialValues={initial}
      onFinish={onFinish}
      onValuesChange={(changed: Partial<Values>) => {
        setDirty(true);
        // another town: its villages and accounts are others
        if ('townCode' in changed) form.setFieldsValue({ villages: [], staffId: null });
      }}
      scrollToFirstError
    >
      <LeaveGuard when={dirty && !save.isPending} message="帮办代办员信息有未保存的修改" />
      <div ref={summaryRef} tabIndex={-1}>
        {failure && (
          <ErrorSummary title={failure.title} items={failure.items}>
            {failure.stale && onReload && (
              <Button onClick={onReload} style={{ marginTop: 8 }}>
                载入最新内容（您的修改需要重新填写）
              </Button>
            )}
          </ErrorSummary>
        )}
      </div>
      {record && !record.active && (
        <Alert type="warning" showIcon title="这位帮办代办员已停用：不显示在名单上。打开「在册」并保存即可恢复。" style={{ marginBottom: 16 }} />
      )}
      <Card className="ca-card" title={<h2 className="card-title">基本信息</h2>} style={{ marginBottom: 16 }}>
        <div className="form-grid">
          <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 50, message: '姓名不超过 50 字' }, { pattern: NAME, message: '姓名只能包含汉字、字母、空格和间隔号“·”' }]}>
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
          <Form.Item label="类型" name="type" rules={[{ required: true, message: '请选择类型' }]}>
            <Select options={HELPER_TYPE_CODES.map((t) => ({ value: t, label: HELPER_TYPES[t] }))} placeholder="请选择" />
          </Form.Item>
          <Form.Item
            label="联系电话"
            name="phone"
            required
            rules={[phoneRule]}
            validateTrigger="onBlur"
            extra="工作电话，会公布在村（社区）页面上：11 位手机号码，或带区号的固定电话（如 0537-5212345）。"
          >
            <Input maxLength={30} type="tel" autoComplete="off" />
          </Form.Item>
        </div>
      </Card>

      <Card className="ca-card" title={<h2 className="card-title">服务区域</h2>} style={{ marginBottom: 16 }}>
        <div className="form-grid">
          <Form.Item label="所属镇（街道）" name="townCode" rules={[{ required: true, message: '请选择镇（街道）' }]} extra={townOptions.length === 1 ? '您管理本镇（街道）的帮办代办员。' : undefined}>
            <Select options={townOptions} placeholder="请选择" disabled={townOptions.length === 1} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item label="网格" name="grid" rules={[{ max: 100, message: '不超过 100 字' }]} extra="可不填，如 第三网格（幸福路 1–12 号楼）。">
            <Input maxLength={100} />
          </Form.Item>
        </div>
        <Form.Item name="areaMode">
          <FieldGroup legend="服务范围">
            <Radio.Group
              options={[
                { value: 'villages', label: '本镇（街道）的部分村（社区）' },
                { value: 'town', label: '整个镇（街道）' },
              ]}
            />
          </FieldGroup>
        </Form.Item>
        {areaMode === 'villages' && (
          <Form.Item
            label="服务的村（社区）"
            name="villages"
            rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个村（社区）' }]}
            extra={townCode ? '可选多个。' : '请先选择所属镇（街道）。'}
          >
            <Select
              mode="multiple"
              options={(villages.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
              loading={villages.isFetching}
              disabled={!townCode}
              placeholder="输入名称搜索"
              optionFilterProp="label"
              notFoundContent={villages.isFetching ? '正在加载…' : '没有匹配的村（社区）'}
            />
          </Form.Item>
        )}
        <Form.Item name="coordinator" valuePropName="checked" label={COORDINATOR_LABEL} extra="总协调接收没有帮办代办员覆盖的求助，显示在本镇（街道）每个村（社区）名单的最后。">
          <SwitchInput onText="是本镇（街道）的总协调" offText="不是" />
        </Form.Item>
      </Card>

      <Card className="ca-card" title={<h2 className="card-title">帮办事项</h2>} style={{ marginBottom: 16 }}>
        <Form.Item label="帮办事项" name="itemCodes" extra="输入事项名称搜索，可选多个；不选表示不限事项。">
          <ItemPicker initial={(record?.items ?? []).flatMap((i) => (i.name === null ? [] : [{ code: i.code, name: i.name }]))} />
        </Form.Item>
      </Card>

      <Card className="ca-card" title={<h2 className="card-title">值守时间</h2>} style={{ marginBottom: 16 }}>
        <Form.Item name="calendar">
          <FieldGroup legend="节假日">
            <Radio.Group
              options={[
                { value: 'working', label: '按政府工作日：法定节假日休息，调休上班日按周一的时间值守' },
                { value: 'own', label: '按下面的时间，节假日不变' },
              ]}
            />
          </FieldGroup>
        </Form.Item>
        <p className="muted">每天填写一个或几个时间段，用顿号隔开，如 08:30-11:30、14:00-17:00；不值守的日子留空。</p>
        <div className="form-grid">
          {WEEKDAYS.map((d) => (
            <Form.Item key={d} label={DAY_NAMES[d]} name={['week', d]} rules={[dayRule]}>
              <Input maxLength={60} placeholder="不值守" />
            </Form.Item>
          ))}
        </div>
        <Form.Item label="值守说明" name="dutyNote" rules={[{ max: 100, message: '不超过 100 字' }]} extra="可不填，如 电话预约，可上门服务。">
          <Input maxLength={100} />
        </Form.Item>
      </Card>

      {canSeeAccounts && (
        <Card className="ca-card" title={<h2 className="card-title">工作账号</h2>} style={{ marginBottom: 16 }}>
          <Form.Item
            label="关联的工作人员账号"
            name="staffId"
            extra="可不关联。只能关联在本镇（街道）有「帮办代办员」角色、尚未关联其他帮办代办员的账号；账号和角色在「账号管理」中开设。"
          >
            <Select
              options={accountOptions}
              allowClear={SELECT_CLEAR}
              placeholder="不关联"
              loading={accounts.isFetching}
              disabled={!townCode}
              notFoundContent={accounts.isFetching ? '正在加载…' : '本镇（街道）没有帮办代办员角色的账号'}
            />
          </Form.Item>
        </Card>
      )}

      {record && (
        <Card className="ca-card" title={<h2 className="card-title">状态</h2>} style={{ marginBottom: 16 }}>
          <Form.Item name="active" valuePropName="checked" label="在册" extra="关闭即停用：不再显示在名单上，也不再接收求助（记录保留，可随时恢复）。保存前会再确认一次。">
            <SwitchInput onText="在册" offText="已停用" />
          </Form.Item>
        </Card>
      )}

      <Space wrap>
        <BusyButton type="primary" htmlType="submit" busy={save.isPending} busyText="正在保存…">
          {record ? '保存' : '添加'}
        </BusyButton>
        <Link to="/workbench/helpers">返回帮办代办员名单</Link>
      </Space>
    </Form>
  );
}
