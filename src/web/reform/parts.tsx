/**
 * What the 改革任务 pages share: a task's status and flags (超期, 临期, 已退回 said in words as
 * well as in colour), its progress, and the dialog that creates, decomposes or edits a task (the
 * city's reform.manage) — lead unit, lead region (the city or a town), cooperating units, deadline.
 */
import { Alert, Button, Form, Input, Modal, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { REFORM_STATUSES, type ReformStatus } from '../../shared/reform.js';
import { errorMessage } from '../api/client.js';
import { useRegionChildren } from '../api/regions.js';
import { AutoTextArea } from '../components/AutoTextArea.js';
import { BusyButton } from '../components/BusyButton.js';
import { applyFieldErrors } from '../components/formErrors.js';
import { useMediaQuery } from '../components/useMediaQuery.js';
import { useCreateTask, useEditTask, type Task, type TaskItem } from './api.js';
import './Reform.css';

const STATUS_COLOURS: Record<ReformStatus, string> = { not_started: 'default', in_progress: 'processing', awaiting: 'warning', done: 'success' };

export function StatusTag({ status }: { status: ReformStatus }) {
  return <Tag color={STATUS_COLOURS[status]}>{REFORM_STATUSES[status]}</Tag>;
}

/** 超期 / 临期 / 已退回, in words. */
export function Flags({ t }: { t: Pick<TaskItem, 'overdue' | 'dueSoon' | 'returnedReason'> }) {
  if (!t.overdue && !t.dueSoon && !t.returnedReason) return null;
  return (
    <span className="reform-flags">
      {t.overdue && <Tag color="error">超期</Tag>}
      {t.dueSoon && <Tag color="warning">临期</Tag>}
      {t.returnedReason && <Tag color="magenta">已退回</Tag>}
    </span>
  );
}

/** The latest progress: a native <progress> (named for screen readers) and the per cent in words. */
export function ProgressBar({ value, label }: { value: number; label: string }) {
  return (
    <span className="reform-progress">
      <progress max={100} value={value} aria-label={`${label}完成进度`} />
      <span>{value}%</span>
    </span>
  );
}

/** The city and its towns: who may lead a task. */
export function useLeadRegions(): { value: string; label: string }[] {
  const top = useRegionChildren(undefined);
  const city = top.data?.[0];
  const towns = useRegionChildren(city?.code, Boolean(city));
  if (!city) return [];
  return [{ value: city.code, label: `${city.name}（市级）` }, ...(towns.data ?? []).map((t) => ({ value: t.code, label: t.name }))];
}

interface TaskValues {
  title?: string;
  requirement?: string;
  source?: string;
  leadUnit?: string;
  leadRegion?: string;
  cooperating?: string;
  deadline?: string;
}

const splitUnits = (s: string | undefined) => (s ?? '').split(/[、,，;；\n]+/).map((x) => x.trim()).filter(Boolean);

/**
 * 新建任务 (no parent), 分解子任务 (parent given) or 修改任务 (task given), sent with the version
 * the page showed. Field errors from the server land on their fields.
 */
export function TaskDialog({ parent, task, onClose, onDone }: { parent?: Pick<Task, 'id' | 'title' | 'deadline' | 'source'>; task?: Task; onClose: () => void; onDone: (t: Task) => void }) {
  const [form] = Form.useForm<TaskValues>();
  const create = useCreateTask();
  const edit = useEditTask();
  const regions = useLeadRegions();
  const [error, setError] = useState<string | null>(null);
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const [seenVersion] = useState(task?.version);
  const title = task ? '修改任务' : parent ? '分解子任务' : '新建改革任务';
  const initial: TaskValues = task
    ? { title: task.title, requirement: task.requirement, source: task.source, leadUnit: task.leadUnit, leadRegion: task.leadRegion.code, cooperating: task.cooperating.join('、'), deadline: task.deadline }
    : { source: parent?.source ?? '', deadline: parent?.deadline };

  const onFinish = async (v: TaskValues) => {
    setError(null);
    const body = {
      title: v.title?.trim() ?? '', requirement: v.requirement?.trim() ?? '', source: v.source?.trim() ?? '', leadUnit: v.leadUnit?.trim() ?? '',
      leadRegion: v.leadRegion ?? '', cooperating: splitUnits(v.cooperating), deadline: v.deadline ?? '',
    };
    try {
      const next = task ? await edit.mutateAsync({ ...body, id: task.id, version: seenVersion! }) : await create.mutateAsync({ ...body, ...(parent ? { parentId: parent.id } : {}) });
      onDone(next);
    } catch (err) {
      if (applyFieldErrors(form, err) === 0) setError(errorMessage(err));
    }
  };

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      width={isMobile ? '100%' : 640}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Space wrap>
          <Button onClick={onClose}>取消</Button>
          <BusyButton type="primary" onClick={() => form.submit()} busy={create.isPending || edit.isPending} busyText="正在保存…">
            {task ? '保存修改' : parent ? '保存子任务' : '保存任务'}
          </BusyButton>
        </Space>
      }
    >
      {parent && (
        <p className="muted" style={{ marginTop: 0 }}>
          上级任务：{parent.title}（完成时限 {parent.deadline}，子任务不能晚于此日期）
        </p>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} name="reform-task" layout="vertical" onFinish={onFinish} initialValues={initial}>
        <Form.Item label="任务名称" name="title" rules={[{ required: true, whitespace: true, message: '请填写任务名称' }, { min: 2, message: '至少 2 个字' }, { max: 100, message: '不超过 100 字' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="工作要求" name="requirement" rules={[{ max: 4000, message: '不超过 4000 字' }]}>
          <AutoTextArea minRows={3} maxRows={8} maxLength={4000} />
        </Form.Item>
        <Form.Item label="任务来源" name="source" extra="如《邹城市镇街村居便民服务体系建设实施方案》三、（二）" rules={[{ max: 200, message: '不超过 200 字' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="牵头单位" name="leadUnit" rules={[{ required: true, whitespace: true, message: '请填写牵头单位' }, { min: 2, message: '至少 2 个字' }, { max: 60, message: '不超过 60 字' }]}>
          <Input maxLength={60} placeholder="如 钢山街道便民服务中心" />
        </Form.Item>
        <Form.Item label="牵头地区（由该地区填报进展）" name="leadRegion" rules={[{ required: true, message: '请选择牵头地区' }]}>
          <Select options={regions} placeholder="市级或某个镇街" showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item label="配合单位" name="cooperating" extra="多个单位用顿号“、”分隔">
          <Input maxLength={600} />
        </Form.Item>
        <Form.Item label="完成时限" name="deadline" rules={[{ required: true, message: '请选择完成时限' }]}>
          <Input type="date" max={parent?.deadline} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
