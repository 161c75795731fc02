/**
 * Parts of the 培训记录 pages: their addresses, the session form (登记培训, 修改培训信息) and a
 * person's record (个人培训档案, 我的培训) — the 学时 of each year and every session in order.
 */
import { Alert, App, Button, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { MAX_TRAINING_HOURS, TRAINING_FORM_CODES, TRAINING_FORMS, TRAINING_STATUSES, hoursText, type TrainingForm, type TrainingStatus } from '../../shared/training.js';
import { ApiError, errorMessage } from '../api/client.js';
import { useRegionChildren } from '../api/regions.js';
import { useCreateSession, useUpdateSession, type TrainingRecord, type TrainingSession } from '../api/training.js';
import { AutoTextArea } from '../components/AutoTextArea.js';
import { BusyButton } from '../components/BusyButton.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { FieldGroup } from '../components/FieldGroup.js';
import { applyFieldErrors } from '../components/formErrors.js';
import { useMediaQuery } from '../components/useMediaQuery.js';
import { chinaToday } from '../dates.js';
import './Training.css';

export const TRAINING_PATH = '/workbench/training';
export const MY_TRAINING_PATH = '/workbench/my-training';
export const sessionPath = (id: string) => `${TRAINING_PATH}/${encodeURIComponent(id)}`;
export const personPath = (staffId: string) => `${TRAINING_PATH}/people/${encodeURIComponent(staffId)}`;

/** 2026-03-15, or 2026-03-15 至 2026-03-16 for a course of several days. */
export const sessionDates = (s: { startOn: string; endOn: string | null }) => (s.endOn ? `${s.startOn} 至 ${s.endOn}` : s.startOn);

export function TrainingStatusTag({ status }: { status: TrainingStatus }) {
  return <Tag color={status === 'held' ? 'success' : 'processing'}>{TRAINING_STATUSES[status]}</Tag>;
}

/**
 * The places a person may organise training for: each region they hold training.manage over, and
 * under the city the towns (a session is organised by the city or a town, never a village).
 */
export function useOrganisers(roots: { code: string; name: string }[]): { value: string; label: string }[] {
  const county = roots.find((r) => r.code.length === 6);
  const towns = useRegionChildren(county?.code, Boolean(county));
  return [...roots.map((r) => ({ value: r.code, label: r.name })), ...(towns.data ?? []).map((t) => ({ value: t.code, label: t.name }))];
}

interface SessionValues {
  topic: string;
  startOn: string;
  endOn?: string;
  hours: number;
  trainer: string;
  trainerUnit?: string;
  place?: string;
  form: TrainingForm;
  regionCode: string;
  summary?: string;
  status: TrainingStatus;
}

/** 登记培训 (a new session) or 修改培训信息 (on the version the page showed: 409 when it changed meanwhile). */
export function SessionDialog({ roots, existing, onClose, onSaved }: {
  roots: { code: string; name: string }[];
  existing?: TrainingSession;
  onClose: () => void;
  onSaved: (s: TrainingSession) => void;
}) {
  const [form] = Form.useForm<SessionValues>();
  const organisers = useOrganisers(roots);
  const create = useCreateSession();
  const update = useUpdateSession();
  const [error, setError] = useState<string | null>(null);
  const [seenVersion] = useState(existing?.version);
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const { message } = App.useApp();

  const initial: Partial<SessionValues> = existing
    ? {
        topic: existing.topic, startOn: existing.startOn, endOn: existing.endOn ?? undefined, hours: existing.hours, trainer: existing.trainer, trainerUnit: existing.trainerUnit,
        place: existing.place, form: existing.form, regionCode: existing.regionCode, summary: existing.summary, status: existing.status,
      }
    : { startOn: chinaToday(), status: 'held', form: 'lecture', regionCode: roots.length === 1 ? roots[0]!.code : undefined };

  const onFinish = async (v: SessionValues) => {
    setError(null);
    const body = {
      topic: v.topic.trim(), startOn: v.startOn, endOn: v.endOn || null, hours: v.hours, trainer: v.trainer.trim(), trainerUnit: v.trainerUnit?.trim() ?? '',
      place: v.place?.trim() ?? '', form: v.form, regionCode: v.regionCode, summary: v.summary?.trim() ?? '', status: v.status,
    };
    try {
      const saved = existing ? await update.mutateAsync({ ...body, id: existing.id, version: seenVersion! }) : await create.mutateAsync(body);
      message.success(existing ? '已保存培训信息' : '已登记培训');
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'TRAINING_SESSION_CHANGED') return setError('这次培训刚被其他人修改过：请关闭后刷新页面，核对后再修改。');
      if (applyFieldErrors(form, err) === 0) setError(errorMessage(err));
    }
  };

  return (
    <Modal
      open
      title={existing ? '修改培训信息' : '登记培训'}
      onCancel={onClose}
      width={isMobile ? '100%' : 640}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Space wrap>
          <Button onClick={onClose}>取消</Button>
          <BusyButton type="primary" onClick={() => form.submit()} busy={create.isPending || update.isPending} busyText="正在保存…">
            {existing ? '保存' : '登记培训'}
          </BusyButton>
        </Space>
      }
    >
      {error && <ErrorAlert title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} name="training-session" layout="vertical" onFinish={onFinish} initialValues={initial} scrollToFirstError>
        <Form.Item label="培训主题" name="topic" rules={[{ required: true, whitespace: true, message: '请填写培训主题' }, { max: 100, message: '不超过 100 字' }]} extra="例如：帮办代办员业务培训（第一期）">
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item label="组织单位" name="regionCode" rules={[{ required: true, message: '请选择组织单位' }]} extra="市级或镇（街道）：参训的工作人员须属于该单位辖区">
          <Select options={organisers} placeholder="请选择组织单位" showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Space wrap size={[16, 0]} align="start">
          <Form.Item label="培训日期" name="startOn" rules={[{ required: true, message: '请填写培训日期' }]} extra="多日培训为第一天">
            <Input type="date" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item
            label="结束日期（选填）"
            name="endOn"
            dependencies={['startOn']}
            extra="多日培训的最后一天"
            rules={[({ getFieldValue }) => ({ validator: (_, v?: string) => (!v || v >= getFieldValue('startOn') ? Promise.resolve() : Promise.reject(new Error('结束日期不能早于培训日期'))) })]}
          >
            <Input type="date" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item
            label="学时"
            name="hours"
            rules={[
              { required: true, message: '请填写学时' },
              { validator: (_, v?: number) => (v === undefined || v === null || (v > 0 && v <= MAX_TRAINING_HOURS && Number.isInteger(v * 2)) ? Promise.resolve() : Promise.reject(new Error('学时应大于 0，以 0.5 为单位'))) },
            ]}
            extra="以 0.5 为单位"
          >
            <InputNumber min={0.5} max={MAX_TRAINING_HOURS} step={0.5} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item name="form" rules={[{ required: true, message: '请选择培训形式' }]}>
          <FieldGroup legend="培训形式" required>
            <Radio.Group options={TRAINING_FORM_CODES.map((f) => ({ value: f, label: TRAINING_FORMS[f] }))} />
          </FieldGroup>
        </Form.Item>
        <Space wrap size={[16, 0]} align="start">
          <Form.Item label="授课人" name="trainer" rules={[{ required: true, whitespace: true, message: '请填写授课人' }, { max: 50, message: '不超过 50 字' }]}>
            <Input maxLength={50} autoComplete="off" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label="授课人单位（选填）" name="trainerUnit" rules={[{ max: 100, message: '不超过 100 字' }]}>
            <Input maxLength={100} autoComplete="off" style={{ width: 280 }} />
          </Form.Item>
        </Space>
        <Form.Item label="培训地点（选填）" name="place" rules={[{ max: 100, message: '不超过 100 字' }]} extra="例如：钢山街道便民服务中心二楼会议室；线上培训可填“视频会议”">
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item label="培训内容（选填）" name="summary" rules={[{ max: 2000, message: '不超过 2000 字' }]}>
          <AutoTextArea minRows={3} maxRows={8} maxLength={2000} />
        </Form.Item>
        <Form.Item name="status" rules={[{ required: true, message: '请选择状态' }]}>
          <FieldGroup legend="状态" required>
            <Radio.Group options={[{ value: 'held', label: '已举办' }, { value: 'planned', label: '计划中（尚未举办，不计学时）' }]} />
          </FieldGroup>
        </Form.Item>
      </Form>
    </Modal>
  );
}

type RecordRow = TrainingRecord['sessions'][number];

/** A person's record: their 学时 by year and every session they were on, newest first. */
export function TrainingRecordView({ record, linkSessions }: { record: TrainingRecord; linkSessions: boolean }) {
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const columns: TableColumnsType<RecordRow> = [
    { title: '培训日期', key: 'date', width: 130, render: (_, s) => sessionDates(s) },
    { title: '培训主题', key: 'topic', render: (_, s) => (linkSessions ? <Link to={sessionPath(s.sessionId)}>{s.topic}</Link> : s.topic) },
    { title: '组织单位', key: 'organiser', width: 100, render: (_, s) => s.organiser },
    { title: '形式', key: 'form', width: 100, render: (_, s) => s.formLabel },
    { title: '参训情况', key: 'attendance', width: 110, render: (_, s) => (s.status === 'planned' ? <TrainingStatusTag status="planned" /> : s.attendanceLabel) },
    { title: '学时', key: 'hours', width: 70, render: (_, s) => hoursText(s.hours) },
    { title: '考核', key: 'assessment', width: 100, render: (_, s) => [s.assessmentLabel, s.score === null ? null : `${s.score} 分`].filter(Boolean).join('，') || '—' },
  ];
  return (
    <>
      <section aria-labelledby="training-years">
        <h2 id="training-years">
          学时统计
        </h2>
        <dl className="training-figures">
          <div>
            <dt>累计学时</dt>
            <dd>{hoursText(record.totalHours)}</dd>
          </div>
          {record.years.map((y) => (
            <div key={y.year}>
              <dt>{y.year} 年</dt>
              <dd>
                {hoursText(y.hours)} 学时
                <span className="muted" style={{ fontSize: '0.9rem', fontWeight: 400 }}>
                  （{y.sessions} 场）
                </span>
              </dd>
            </div>
          ))}
        </dl>
        <p className="muted">只计已举办且本人参训的培训；缺席、请假的不计学时。</p>
      </section>
      <section aria-labelledby="training-sessions">
        <h2 id="training-sessions">参加的培训</h2>
        {record.sessions.length === 0 ? (
          <Alert type="info" showIcon title="还没有培训记录" description="参加培训后，由组织培训的单位登记参训情况和学时。" style={{ maxWidth: 640 }} />
        ) : isMobile ? (
          <ul className="record-cards" aria-label="培训记录">
            {record.sessions.map((s) => (
              <li key={s.sessionId} className="card">
                <h3 className="record-cards__title">{linkSessions ? <Link to={sessionPath(s.sessionId)}>{s.topic}</Link> : s.topic}</h3>
                <dl className="summary-kv">
                  <dt>日期</dt>
                  <dd>{sessionDates(s)}</dd>
                  <dt>组织单位</dt>
                  <dd>{s.organiser}</dd>
                  <dt>参训情况</dt>
                  <dd>{s.status === 'planned' ? '计划中' : s.attendanceLabel}</dd>
                  <dt>学时</dt>
                  <dd>{hoursText(s.hours)}</dd>
                </dl>
              </li>
            ))}
          </ul>
        ) : (
          <Table<RecordRow> rowKey="sessionId" columns={columns} dataSource={record.sessions} pagination={false} size="middle" scroll={{ x: 800 }} />
        )}
      </section>
    </>
  );
}
