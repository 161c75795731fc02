import { App, Button, Checkbox, Drawer, Form, Input, Popconfirm, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useUpdateOverride, type ImplListDetail, type ImplListItem, type ItemOverride } from '../../api/catalogAdmin.js';
import { errorMessage } from '../../api/client.js';
import { BusyButton } from '../../components/BusyButton.js';
import { SELECT_CLEAR } from '../../components/clear.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { applyFieldErrors } from '../../components/formErrors.js';
import { useMediaQuery } from '../../components/useMediaQuery.js';
import { handlingModeOptions, missingWords, PHONE_PATTERN } from './implLabels.js';
import './catalog-admin.css';

type Tri = 'inherit' | 'yes' | 'no';
interface Values {
  enabled: boolean;
  handlingMode?: ItemOverride['handlingMode'];
  location?: string;
  hours?: string;
  consultPhone?: string;
  complaintPhone?: string;
  window?: string;
  staffContact?: string;
  onlineUrl?: string;
  devolvedToTown: Tri;
  extendedToVillage: Tri;
}

const tri = (v: boolean | undefined): Tri => (v === undefined ? 'inherit' : v ? 'yes' : 'no');
const fromTri = (v: Tri): boolean | undefined => (v === 'inherit' ? undefined : v === 'yes');
const TRI_OPTIONS = [
  { value: 'inherit', label: '沿用指导目录' },
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
];

const TEXT_FIELDS = [
  { name: 'location', label: '办理地点', max: 200 },
  { name: 'hours', label: '办理时间', max: 200 },
  { name: 'consultPhone', label: '咨询电话', max: 50, phone: true },
  { name: 'complaintPhone', label: '监督投诉电话', max: 50, phone: true },
  { name: 'window', label: '窗口', max: 100 },
  { name: 'staffContact', label: '联系人', max: 100 },
] as const;

function toValues(o: ItemOverride | null): Values {
  return {
    enabled: o?.enabled !== false,
    handlingMode: o?.handlingMode,
    location: o?.location ?? '',
    hours: o?.hours ?? '',
    consultPhone: o?.consultPhone ?? '',
    complaintPhone: o?.complaintPhone ?? '',
    window: o?.window ?? '',
    staffContact: o?.staffContact ?? '',
    onlineUrl: o?.onlineUrl ?? '',
    devolvedToTown: tri(o?.devolvedToTown),
    extendedToVillage: tri(o?.extendedToVillage),
  };
}

/** Only what differs from the list: empty fields are not overrides. */
function toOverride(v: Values): ItemOverride | null {
  const o: ItemOverride = {};
  if (!v.enabled) o.enabled = false;
  if (v.handlingMode) o.handlingMode = v.handlingMode;
  for (const f of TEXT_FIELDS) {
    const t = v[f.name]?.trim();
    if (t) o[f.name] = t;
  }
  if (v.onlineUrl?.trim()) o.onlineUrl = v.onlineUrl.trim();
  const d = fromTri(v.devolvedToTown);
  if (d !== undefined) o.devolvedToTown = d;
  const e = fromTri(v.extendedToVillage);
  if (e !== undefined) o.extendedToVillage = e;
  return Object.keys(o).length ? o : null;
}

/** One item's local settings in a list: whether it is implemented here, and fields that differ from the list's. */
export function OverrideDrawer({
  list,
  item,
  onClose,
}: {
  list: ImplListDetail;
  item: ImplListItem | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const saveOverride = useUpdateOverride();
  const clearOverride = useUpdateOverride();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (item) form.setFieldsValue(toValues(item.override));
    setError(null);
  }, [form, item]);

  const save = async (override: ItemOverride | null, kind: 'save' | 'clear') => {
    if (!item) return;
    setError(null);
    try {
      await (kind === 'clear' ? clearOverride : saveOverride).mutateAsync({ region: list.regionCode, code: item.rowCode, override });
      message.success(kind === 'clear' ? `已清除「${item.name}」的本地设置（未发布）` : `已保存「${item.name}」的本地设置（未发布）`);
      onClose();
    } catch (err) {
      if (applyFieldErrors(form, err) === 0) setError(errorMessage(err));
      else setError('提交的信息有误，请按输入框下方的提示修改。');
    }
  };

  const p = list.profile;
  return (
    <Drawer
      open={Boolean(item)}
      onClose={onClose}
      title={item ? `本地设置：${item.name}` : '本地设置'}
      size={isMobile ? '100%' : 560}
      destroyOnHidden
      footer={
        <Space wrap>
          <BusyButton type="primary" onClick={() => form.submit()} busy={saveOverride.isPending} busyText="正在保存…">
            保存
          </BusyButton>
          <Button onClick={onClose}>取消</Button>
          {item?.override && (
            <Popconfirm title="清除后该事项完全沿用本清单的本地信息，确定清除？" okText="清除" cancelText="取消" onConfirm={() => save(null, 'clear')}>
              <BusyButton busy={clearOverride.isPending} busyText="正在清除…">
                清除本地设置
              </BusyButton>
            </Popconfirm>
          )}
        </Space>
      }
    >
      {item && (
        <>
          <p className="muted" style={{ marginTop: 0 }}>
            事项编码 {item.rowCode} · {item.department}
            {item.missing.length ? ` · 缺：${missingWords(item.missing)}` : ''}
          </p>
          <p>留空的内容沿用{list.regionName}清单的本地信息（见各输入框下方）。修改保存后需发布清单，群众才能看到。</p>
          <Form form={form} name="impl-override" layout="vertical" onFinish={(v) => save(toOverride(v), 'save')} initialValues={toValues(item.override)}>
            <Form.Item name="enabled" valuePropName="checked" className="check-item">
              <Checkbox>本{list.level === 'town' ? '镇（街道）' : '村（社区）'}实施此事项</Checkbox>
            </Form.Item>
            <Form.Item label="办理模式" name="handlingMode" extra={`留空沿用清单默认：${p.defaultHandlingMode ? (handlingModeOptions.find((o) => o.value === p.defaultHandlingMode)?.label ?? '') : '未设置'}`}>
              <Select options={handlingModeOptions} allowClear={SELECT_CLEAR} placeholder="沿用清单默认" />
            </Form.Item>
            {TEXT_FIELDS.map((f) => (
              <Form.Item
                key={f.name}
                label={f.label}
                name={f.name}
                rules={[{ max: f.max, message: `不超过 ${f.max} 字` }, ...('phone' in f ? [{ pattern: PHONE_PATTERN, message: '电话只能包含数字、连字符和分隔符' }] : [])]}
                extra={`留空沿用：${p[f.name] || '（清单未填写）'}`}
              >
                <Input maxLength={f.max} type={'phone' in f ? 'tel' : 'text'} />
              </Form.Item>
            ))}
            <Form.Item label="网办地址" name="onlineUrl" rules={[{ max: 300, message: '不超过 300 字' }]} extra="留空沿用指导目录的网办地址。须为本事项办理页面的 https 地址，网站首页或 http 地址不会在办事指南中显示。">
              <Input maxLength={300} inputMode="url" />
            </Form.Item>
            <div className="form-grid">
              <Form.Item label="下放到乡镇" name="devolvedToTown">
                <Select options={TRI_OPTIONS} />
              </Form.Item>
              <Form.Item label="延伸到村居" name="extendedToVillage">
                <Select options={TRI_OPTIONS} />
              </Form.Item>
            </div>
          </Form>
          {error && <ErrorAlert title={error} />}
        </>
      )}
    </Drawer>
  );
}
