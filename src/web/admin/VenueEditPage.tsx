/**
 * One venue's record in the workbench (服务网点 › a venue, or 新增办事地点): where it is, when it is
 * open (each weekday's hours, whether it follows the working-day calendar, its own special days),
 * its phone, facilities, links and — for partner points and self-service areas — the items that
 * can be done there. Saving is version-checked: if someone else saved first, nothing is overwritten.
 * A centre's or station's address, hours and phone are also its place's 实施清单 contacts. Below the
 * form, its photos (VenuePhotosEditor): each change takes effect at once and moves the venue's
 * version, which the form then saves from — the form is not reset by a photo, only by its own save
 * or by loading the venue again.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { WEEKDAYS, type Weekday } from '../../shared/venue-hours.js';
import { FACILITIES, FACILITY_CODES, LIST_KINDS, VENUE_KIND_CODES, VENUE_KINDS, type Facility, type VenueKind } from '../../shared/venues.js';
import { ApiError, errorMessage } from '../api/client.js';
import { scopeRoots } from '../api/session.js';
import { useSaveVenue, useVenueRecord, type VenueInput, type VenueRecord } from '../api/venueRecords.js';
import { AutoTextArea } from '../components/AutoTextArea.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { BusyButton } from '../components/BusyButton.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { FieldGroup } from '../components/FieldGroup.js';
import { applyFieldErrors } from '../components/formErrors.js';
import { PageHeading } from '../components/PageHeading.js';
import { PageLoading } from '../components/PageLoading.js';
import { RegionTreeSelect } from '../components/RegionTreeSelect.js';
import { SwitchInput } from '../components/SwitchInput.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';
import './catalog/catalog-admin.css';
import { ItemPicker } from './ItemPicker.js';
import { VenuePhotosEditor } from './VenuePhotosEditor.js';
import { dayHoursText, parseDayHours } from './venueHoursText.js';

const DAY_NAMES: Record<Weekday, string> = { '1': '周一', '2': '周二', '3': '周三', '4': '周四', '5': '周五', '6': '周六', '7': '周日' };
const OFFICE_DAY = '08:30-12:00、13:30-17:30';

interface Values {
  kind?: VenueKind;
  name: string;
  regionCode?: string;
  address: string;
  lat?: number | null;
  lng?: number | null;
  approximate: boolean;
  phone: string;
  always: boolean;
  calendar: 'working' | 'own';
  week: Record<Weekday, string>;
  exceptions: { date: string; hours: string; note: string }[];
  facilities: Facility[];
  links: { label: string; url: string }[];
  description: string;
  itemCodes: string[];
  active: boolean;
}

export default function VenueEditRoute() {
  return (
    <RequireAction action="venue.manage" title="服务网点">
      <VenueEditPage />
    </RequireAction>
  );
}

function VenueEditPage() {
  const { id } = useParams();
  const isNew = id === 'new';
  const record = useVenueRecord(isNew ? null : (id ?? null));
  // The form starts again from the record after its own save and after a reload, not when a photo
  // change moves the record's version (what is being typed stays; the save uses the new version).
  const [generation, setGeneration] = useState(0);
  const restart = () => setGeneration((g) => g + 1);
  const reload = async () => {
    await record.refetch();
    restart();
  };
  const title = isNew ? '新增办事地点' : (record.data?.name ?? '办事地点');
  return (
    <>
      <Breadcrumbs items={[{ label: '服务网点', to: '/workbench/venues' }, { label: title }]} />
      <PageHeading>{title}</PageHeading>
      {isNew ? (
        <>
          <VenueForm record={null} />
          <Card className="ca-card" title={<h2 className="card-title">照片</h2>} style={{ marginTop: 16 }}>
            <p style={{ margin: 0 }}>新增办事地点后，可以在这里上传照片。</p>
          </Card>
        </>
      ) : record.isPending ? (
        <PageLoading />
      ) : record.isError ? (
        <ErrorAlert title={errorMessage(record.error)} />
      ) : (
        <>
          <VenueForm key={`${record.data.id}:${generation}`} record={record.data} onSaved={restart} onReload={() => void reload()} />
          <VenuePhotosEditor record={record.data} onReload={() => void reload()} />
        </>
      )}
    </>
  );
}

const blankWeek = (): Record<Weekday, string> => Object.fromEntries(WEEKDAYS.map((d) => [d, Number(d) <= 5 ? OFFICE_DAY : ''])) as Record<Weekday, string>;

function valuesOf(r: VenueRecord | null): Values {
  if (!r) {
    return {
      name: '', address: '', approximate: false, phone: '', always: false, calendar: 'working', week: blankWeek(), exceptions: [],
      facilities: [], links: [], description: '', itemCodes: [], active: true,
    };
  }
  return {
    kind: r.kind, name: r.name, regionCode: r.regionCode, address: r.address, lat: r.lat, lng: r.lng, approximate: r.approximate, phone: r.phone,
    always: r.hours.always, calendar: r.hours.calendar,
    week: Object.fromEntries(WEEKDAYS.map((d) => [d, dayHoursText(r.hours.week[d])])) as Record<Weekday, string>,
    exceptions: r.hours.exceptions.map((e) => ({ date: e.date, hours: dayHoursText(e.hours), note: e.note })),
    facilities: r.facilities, links: r.links, description: r.description, itemCodes: r.items?.map((i) => i.code) ?? [], active: r.active,
  };
}

function inputOf(v: Values): VenueInput {
  const week: Partial<Record<Weekday, string[]>> = {};
  for (const d of WEEKDAYS) {
    const { intervals } = parseDayHours(v.week[d] ?? '');
    if (intervals.length) week[d] = intervals;
  }
  return {
    kind: v.kind!, name: v.name.trim(), regionCode: v.regionCode!, address: v.address.trim(), lat: v.lat!, lng: v.lng!, approximate: v.approximate,
    phone: v.phone.trim(),
    hours: {
      always: v.always, calendar: v.calendar, week,
      exceptions: v.exceptions.map((e) => ({ date: e.date, hours: parseDayHours(e.hours).intervals, note: e.note.trim() })),
    },
    facilities: v.facilities, links: v.links.map((l) => ({ label: l.label.trim(), url: l.url.trim() })), description: v.description.trim(),
    itemCodes: v.kind && LIST_KINDS.includes(v.kind) ? [] : v.itemCodes, active: v.active,
  };
}

/** The server's field names → the form's: hours.week.3.0 → week.3, hours.exceptions.0.date → exceptions.0.date, itemCodes.2 → itemCodes. */
export function formFieldOf(field: string): string {
  if (field === 'hours' || field === 'hours.week') return 'week.1';
  const week = /^hours\.week\.(\d)/.exec(field);
  if (week) return `week.${week[1]}`;
  const special = /^hours\.exceptions\.(\d+)\.(date|hours|note)/.exec(field);
  if (special) return `exceptions.${special[1]}.${special[2]}`;
  if (field.startsWith('hours.')) return field.slice('hours.'.length);
  if (field.startsWith('itemCodes')) return 'itemCodes';
  return field;
}

const dayRule = { validator: async (_: unknown, value: string | undefined) => {
  const { problem } = parseDayHours(value ?? '');
  if (problem) throw new Error(problem);
} };

function VenueForm({ record, onSaved, onReload }: { record: VenueRecord | null; onSaved?: () => void; onReload?: () => void }) {
  const { me } = useWorkbench();
  const roots = scopeRoots(me, 'venue.manage');
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const save = useSaveVenue();
  const [error, setError] = useState<{ text: string; stale: boolean } | null>(null);
  const initial = useMemo(() => valuesOf(record), [record]);
  const kind = Form.useWatch('kind', form);
  const always = Form.useWatch('always', form);
  const listKind = kind ? LIST_KINDS.includes(kind) : false;

  const onFinish = async (v: Values) => {
    setError(null);
    try {
      const saved = await save.mutateAsync({ id: record?.id ?? null, version: record?.version, input: inputOf(v) });
      message.success(listKind ? '已保存：服务地图、办事指南和实施清单已同时更新' : '已保存：服务地图已更新');
      if (!record) navigate(`/workbench/venues/${encodeURIComponent(saved.id)}`, { replace: true });
      else onSaved?.();
    } catch (err) {
      const stale = err instanceof ApiError && err.code === 'VENUE_CHANGED';
      const rename = err instanceof ApiError ? Object.fromEntries(err.fieldProblems.map((p) => [p.field, formFieldOf(p.field)])) : {};
      const placed = applyFieldErrors(form, err, rename);
      setError({ text: placed ? '提交的信息有误，请按输入框下方的提示修改。' : errorMessage(err), stale });
    }
  };

  return (
    <Form form={form} name="venue" layout="vertical" initialValues={initial} onFinish={onFinish} scrollToFirstError>
      {record && !record.active && <Alert type="warning" showIcon message="这个办事地点已撤销：服务地图上不再显示。打开「在服务地图上显示」并保存即可恢复。" style={{ marginBottom: 16 }} />}
      <Card className="ca-card" title={<h2 className="card-title">基本信息</h2>} style={{ marginBottom: 16 }}>
        <div className="form-grid">
          <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择类型' }]}>
            <Select
              options={VENUE_KIND_CODES.map((k) => ({ value: k, label: VENUE_KINDS[k] }))}
              placeholder="请选择"
              disabled={Boolean(record && LIST_KINDS.includes(record.kind))}
            />
          </Form.Item>
          <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: 60, message: '不超过 60 字' }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item
            label="所在区划"
            name="regionCode"
            rules={[{ required: true, message: '请选择所在区划' }]}
            extra={listKind ? '为民服务中心属于一个镇（街道），便民服务站属于一个村（社区）。' : undefined}
          >
            <RegionTreeSelect id="venue_regionCode" roots={roots} placeholder="请选择" />
          </Form.Item>
          <Form.Item
            label="电话"
            name="phone"
            rules={[{ max: 50, message: '不超过 50 字' }, { pattern: /^$|^[0-9\-、，, ()（）转]+$/, message: '电话只能包含数字、连字符和分隔符' }]}
            extra={listKind ? '带区号，如 0537-5383001。同时是本地实施清单的「咨询电话」。' : '带区号，如 0537-5383001。'}
          >
            <Input maxLength={50} type="tel" />
          </Form.Item>
          <Form.Item
            label="地址"
            name="address"
            rules={[{ required: true, whitespace: true, message: '请填写地址' }, { max: 200, message: '不超过 200 字' }]}
            extra={listKind ? '同时是本地实施清单的「办理地点」。' : undefined}
          >
            <Input maxLength={200} />
          </Form.Item>
        </div>
      </Card>

      <Card className="ca-card" title={<h2 className="card-title">位置</h2>} style={{ marginBottom: 16 }}>
        <p className="muted" style={{ marginTop: 0 }}>
          WGS-84 坐标（手机定位、天地图使用的坐标），如纬度 35.40512、经度 116.97311。
        </p>
        <div className="form-grid">
          <Form.Item label="纬度" name="lat" rules={[{ required: true, message: '请填写纬度' }]}>
            <InputNumber style={{ width: '100%' }} step={0.00001} precision={5} />
          </Form.Item>
          <Form.Item label="经度" name="lng" rules={[{ required: true, message: '请填写经度' }]}>
            <InputNumber style={{ width: '100%' }} step={0.00001} precision={5} />
          </Form.Item>
        </div>
        <Form.Item name="approximate" valuePropName="checked" extra="勾选时，地图和详情页提示「位置为估算，仅供参考」。实地核准后取消勾选。">
          <Checkbox>位置为估算，待实地核准</Checkbox>
        </Form.Item>
      </Card>

      <Card className="ca-card" title={<h2 className="card-title">营业时间</h2>} style={{ marginBottom: 16 }}>
        <Form.Item name="always" valuePropName="checked" label="全天开放">
          <SwitchInput onText="全天 24 小时开放" offText="按下面的时间段" />
        </Form.Item>
        {!always && (
          <>
            <Form.Item name="calendar">
              <FieldGroup legend="节假日">
                <Radio.Group
                  options={[
                    { value: 'working', label: '按政府工作日：法定节假日休息，调休上班日按周一的时间办公' },
                    { value: 'own', label: '按本网点自己的时间（如银行、商超），节假日不变' },
                  ]}
                />
              </FieldGroup>
            </Form.Item>
            <p className="muted">每天填写一个或几个时间段，用顿号隔开，如 {OFFICE_DAY}；不营业的日子留空。</p>
            <div className="form-grid">
              {WEEKDAYS.map((d) => (
                <Form.Item key={d} label={DAY_NAMES[d]} name={['week', d]} rules={[dayRule]}>
                  <Input maxLength={60} placeholder="休息" />
                </Form.Item>
              ))}
            </div>
            <h3>特殊日期</h3>
            <p className="muted">本网点自己的停业或调整时间（如装修、临时加班）。法定节假日和调休由全市工作日历自动处理，不用在这里填写。</p>
            <Form.List name="exceptions">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, index) => (
                    <fieldset key={field.key} className="venue-exception">
                      <legend>特殊日期 {index + 1}</legend>
                      <div className="form-grid">
                        <Form.Item label="日期" name={[field.name, 'date']} rules={[{ required: true, message: '请选择日期' }]}>
                          <Input type="date" />
                        </Form.Item>
                        <Form.Item label="当天时间（留空为停业）" name={[field.name, 'hours']} rules={[dayRule]}>
                          <Input maxLength={60} placeholder="停业" />
                        </Form.Item>
                        <Form.Item label="说明" name={[field.name, 'note']} rules={[{ max: 30, message: '不超过 30 字' }]}>
                          <Input maxLength={30} placeholder="如 内部装修" />
                        </Form.Item>
                      </div>
                      <Button icon={<MinusCircleOutlined aria-hidden />} onClick={() => remove(field.name)} aria-label={`删除特殊日期 ${index + 1}`}>
                        删除
                      </Button>
                    </fieldset>
                  ))}
                  <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ date: '', hours: '', note: '' })} disabled={fields.length >= 60}>
                    添加特殊日期
                  </Button>
                </>
              )}
            </Form.List>
          </>
        )}
        {listKind && <p className="muted">营业时间同时是本地实施清单的「办理时间」。</p>}
      </Card>

      <Card className="ca-card" title={<h2 className="card-title">设施和可办事项</h2>} style={{ marginBottom: 16 }}>
        <Form.Item name="facilities">
          <FieldGroup legend="无障碍和便民设施">
            <Checkbox.Group options={FACILITY_CODES.map((f) => ({ value: f, label: FACILITIES[f] }))} />
          </FieldGroup>
        </Form.Item>
        {listKind ? (
          <p>
            可办事项就是本地的实施清单，在
            <Link to={`/workbench/impl-lists/${encodeURIComponent(form.getFieldValue('regionCode') ?? '')}`} className="in-sentence">
              实施清单
            </Link>
            中维护。
          </p>
        ) : (
          <Form.Item label="可办事项" name="itemCodes" extra="输入事项名称搜索，可选多个。">
            <ItemPicker initial={record?.items ?? []} />
          </Form.Item>
        )}
        <Form.Item label="简介" name="description" rules={[{ max: 500, message: '不超过 500 字' }]}>
          <AutoTextArea maxLength={500} minRows={2} maxRows={6} />
        </Form.Item>
        <h3>网上办事链接</h3>
        <Form.List name="links">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item label={`链接 ${index + 1} 名称`} name={[field.name, 'label']} rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: 30, message: '不超过 30 字' }]}>
                    <Input maxLength={30} />
                  </Form.Item>
                  <Form.Item label={`链接 ${index + 1} 地址`} name={[field.name, 'url']} rules={[{ required: true, message: '请填写地址' }, { pattern: /^https:\/\/\S+$/, message: '链接应以 https:// 开头' }]}>
                    <Input maxLength={500} placeholder="https://" style={{ minWidth: 260 }} />
                  </Form.Item>
                  <Button icon={<MinusCircleOutlined aria-hidden />} onClick={() => remove(field.name)} aria-label={`删除链接 ${index + 1}`} style={{ marginTop: 30 }} />
                </Space>
              ))}
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ label: '', url: '' })} disabled={fields.length >= 10}>
                添加链接
              </Button>
            </>
          )}
        </Form.List>
      </Card>

      <Card className="ca-card" title={<h2 className="card-title">显示</h2>} style={{ marginBottom: 16 }}>
        <Form.Item name="active" valuePropName="checked" label="在服务地图上显示" extra="关闭即撤销这个办事地点（记录保留，可随时恢复）。">
          <SwitchInput onText="显示" offText="已撤销" />
        </Form.Item>
      </Card>

      {error && (
        <ErrorAlert
          title={error.text}
          description={
            error.stale && onReload ? (
              <Button onClick={onReload} style={{ marginTop: 8 }}>
                载入最新内容（您的修改需要重新填写）
              </Button>
            ) : undefined
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <Space wrap>
        <BusyButton type="primary" htmlType="submit" busy={save.isPending} busyText="正在保存…">
          {record ? '保存' : '新增'}
        </BusyButton>
        {record && (
          <Link to={`/venues/${encodeURIComponent(record.id)}`} target="_blank" rel="noopener">
            在服务地图上查看（新窗口）
          </Link>
        )}
      </Space>
    </Form>
  );
}
