/**
 * A practice's text: title, the town or village it happened in (the person's places), the summary
 * lists show (≤ 200 characters), the body (plain text: each line a paragraph), the catalog items
 * concerned (searched by name in the published catalog) and its tags. Used to write a new one and
 * to change one the place may still change; the server's field errors are put under their fields.
 */
import { Checkbox, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { PRACTICE_LIMITS as L, PRACTICE_TAGS } from '../../shared/practices.js';
import { errorMessage } from '../api/client.js';
import type { PracticeInput, PracticeRecord } from '../api/practices.js';
import { scopeRoots } from '../api/session.js';
import { AutoTextArea } from '../components/AutoTextArea.js';
import { BusyButton } from '../components/BusyButton.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { FieldGroup } from '../components/FieldGroup.js';
import { applyFieldErrors } from '../components/formErrors.js';
import { RegionTreeSelect } from '../components/RegionTreeSelect.js';
import { useWorkbench } from '../staff/context.js';
import { ItemPicker } from '../admin/ItemPicker.js';

export interface PracticeFormValues {
  title: string;
  regionCode?: string;
  summary: string;
  body: string;
  itemCodes: string[];
  tags: string[];
}

const valuesOf = (r: PracticeRecord | null): PracticeFormValues =>
  r
    ? { title: r.title, regionCode: r.regionCode, summary: r.summary, body: r.body, itemCodes: r.items.map((i) => i.code), tags: r.tags }
    : { title: '', regionCode: undefined, summary: '', body: '', itemCodes: [], tags: [] };

export function PracticeForm({ record, submitText, busy, onSave, extra }: {
  record: PracticeRecord | null;
  submitText: string;
  busy: boolean;
  /** sends the values; rejects with the server's error (field errors go under their fields) */
  onSave: (input: PracticeInput) => Promise<unknown>;
  extra?: React.ReactNode;
}) {
  const { me } = useWorkbench();
  const roots = scopeRoots(me, 'practice.submit');
  const [form] = Form.useForm<PracticeFormValues>();
  const [error, setError] = useState<string | null>(null);

  const onFinish = async (v: PracticeFormValues) => {
    setError(null);
    try {
      await onSave({ title: v.title.trim(), regionCode: v.regionCode ?? '', summary: v.summary.trim(), body: v.body.trim(), itemCodes: v.itemCodes ?? [], tags: (v.tags ?? []) as PracticeInput['tags'] });
    } catch (err) {
      if (applyFieldErrors(form, err) === 0) setError(errorMessage(err));
    }
  };

  return (
    <Form form={form} name="practice" layout="vertical" initialValues={valuesOf(record)} onFinish={onFinish} className="practice-form">
      {error && <ErrorAlert title={error} style={{ marginBottom: 12 }} />}
      <Form.Item label="标题" name="title" rules={[{ required: true, whitespace: true, message: '请填写标题' }, { min: L.titleMin, message: `标题 ${L.titleMin} 到 ${L.titleMax} 个字` }, { max: L.titleMax, message: `标题不超过 ${L.titleMax} 字` }]}>
        <Input maxLength={L.titleMax} />
      </Form.Item>
      <Form.Item label="所在镇（街道）或村（社区）" name="regionCode" rules={[{ required: true, message: '请选择案例所在的镇（街道）或村（社区）' }]}>
        <RegionTreeSelect roots={roots} placeholder="选择镇（街道）或村（社区）" />
      </Form.Item>
      <Form.Item
        label="摘要"
        name="summary"
        extra={`列表中显示，${L.summaryMin} 到 ${L.summaryMax} 字：一两句话说清做了什么、效果如何。`}
        rules={[{ required: true, whitespace: true, message: '请填写摘要' }, { min: L.summaryMin, message: `摘要至少 ${L.summaryMin} 字` }, { max: L.summaryMax, message: `摘要不超过 ${L.summaryMax} 字` }]}
      >
        <AutoTextArea minRows={2} maxRows={5} maxLength={L.summaryMax} showCount />
      </Form.Item>
      <Form.Item
        label="正文"
        name="body"
        extra="纯文本，每行一段：背景和问题、具体做法、取得的成效、可推广的经验。"
        rules={[{ required: true, whitespace: true, message: '请填写正文' }, { min: L.bodyMin, message: `正文至少 ${L.bodyMin} 字` }, { max: L.bodyMax, message: `正文不超过 ${L.bodyMax} 字` }]}
      >
        <AutoTextArea minRows={8} maxRows={24} maxLength={L.bodyMax} />
      </Form.Item>
      <Form.Item label="涉及的事项" name="itemCodes" extra={`输入事项名称搜索，可选多个（最多 ${L.itemsMax} 个）；门户案例页会链接到这些事项的办事指南。`}>
        <ItemPicker initial={record?.items ?? []} />
      </Form.Item>
      <Form.Item name="tags" extra={`最多选 ${L.tagsMax} 个，门户可按标签查找。`} rules={[{ type: 'array', max: L.tagsMax, message: `最多选择 ${L.tagsMax} 个标签` }]}>
        <FieldGroup legend="标签">
          <Checkbox.Group options={PRACTICE_TAGS.map((t) => ({ value: t, label: t }))} />
        </FieldGroup>
      </Form.Item>
      <Space wrap>
        <BusyButton type="primary" htmlType="submit" busy={busy} busyText="正在保存…">
          {submitText}
        </BusyButton>
        {extra}
      </Space>
    </Form>
  );
}
