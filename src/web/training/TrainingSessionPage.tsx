/**
 * One 培训场次 (training.manage over its organiser): what it was (dates, 学时, trainer, form, place,
 * content), who was on it — staff of the organiser's area (their names lead to their record) and
 * people without an account (a village 代办员; phone masked) — with 登记参训情况 per person
 * (attended / absent / leave, 学时 credited, assessment), 添加参训人员 (several at once: staff picked
 * by name or username, others typed in; someone already listed is not added twice), and the
 * session's materials (课件, 签到表, photos), and its 教学案例 — published 典型案例 it cites, picked
 * from the portal's (those the city recommends for training first), each a link to its portal page
 * (已撤下 and no link once the city took it down). Every write is made on the version the page showed.
 */
import { App, Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ASSESSMENT_CODES, ASSESSMENTS, ATTENDANCE_CODES, ATTENDANCES, hoursText, type Assessment, type Attendance } from '../../shared/training.js';
import { ApiError, errorMessage } from '../api/client.js';
import { scopeRoots } from '../api/session.js';
import {
  useAddParticipants, useAddTeachingCase, useRemoveMaterial, useRemoveParticipant, useRemoveTeachingCase, useTeachingCaseChoices, useTrainingCandidates, useTrainingSession,
  useUpdateParticipant, useUploadMaterial, type TeachingCase, type TrainingParticipant, type TrainingSession,
} from '../api/training.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { BusyButton } from '../components/BusyButton.js';
import { DescRow } from '../components/DescRow.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { FieldGroup } from '../components/FieldGroup.js';
import { applyFieldErrors } from '../components/formErrors.js';
import { PageHeading } from '../components/PageHeading.js';
import { PageLoading } from '../components/PageLoading.js';
import { useMediaQuery } from '../components/useMediaQuery.js';
import { chinaDateTime } from '../dates.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';
import { personPath, SessionDialog, sessionDates, TRAINING_PATH, TrainingStatusTag } from './TrainingParts.js';

export default function TrainingSessionRoute() {
  return (
    <RequireAction action="training.manage" title="培训记录">
      <TrainingSessionPage />
    </RequireAction>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card training-section" aria-labelledby={id} style={{ marginBottom: 16 }}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

const sizeText = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

function TrainingSessionPage() {
  const { id } = useParams();
  const { me } = useWorkbench();
  const roots = scopeRoots(me, 'training.manage');
  const detail = useTrainingSession(id);
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [marking, setMarking] = useState<TrainingParticipant | null>(null);
  const [removing, setRemoving] = useState<TrainingParticipant | null>(null);
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const s = detail.data;

  if (detail.isPending) return <PageLoading label="正在加载培训…" />;
  if (detail.isError || !s) {
    const notFound = detail.error instanceof ApiError && (detail.error.status === 404 || detail.error.status === 400);
    return (
      <>
        <PageHeading>{notFound ? '培训不存在或无权查看' : '培训加载失败'}</PageHeading>
        <ErrorAlert title={notFound ? '没有找到这次培训（404）：编号有误，或不是本辖区组织的培训。' : `培训加载失败：${errorMessage(detail.error)}`} style={{ marginBottom: 16, maxWidth: 640 }} />
        <Link to={TRAINING_PATH}>返回培训记录</Link>
      </>
    );
  }

  const who = (p: TrainingParticipant) => (p.staffId ? <Link to={personPath(p.staffId)}>{p.name}</Link> : p.name);
  const rowActions = (p: TrainingParticipant) => (
    <Space wrap size={4}>
      <Button size="small" onClick={() => setMarking(p)} aria-label={`登记 ${p.name} 的参训情况`}>
        登记参训情况
      </Button>
      <Button size="small" danger onClick={() => setRemoving(p)} aria-label={`把 ${p.name} 移出名单`}>
        移出
      </Button>
    </Space>
  );
  const assessment = (p: TrainingParticipant) => [p.assessmentLabel, p.score === null ? null : `${p.score} 分`].filter(Boolean).join('，') || '—';
  const columns: TableColumnsType<TrainingParticipant> = [
    {
      title: '姓名',
      key: 'name',
      width: 120,
      render: (_, p) => (
        <>
          {who(p)}
          {p.username && <div className="muted">{p.username}</div>}
        </>
      ),
    },
    { title: '单位', key: 'unit', render: (_, p) => p.unit },
    { title: '联系电话', key: 'phone', width: 120, render: (_, p) => p.phoneMasked ?? (p.kind === 'staff' ? '（工作人员）' : '—') },
    { title: '参训情况', key: 'attendance', width: 90, render: (_, p) => p.attendanceLabel },
    { title: '计入学时', key: 'hours', width: 90, render: (_, p) => hoursText(p.hours) },
    { title: '考核', key: 'assessment', width: 110, render: (_, p) => assessment(p) },
    { title: '操作', key: 'actions', width: 200, render: (_, p) => rowActions(p) },
  ];

  return (
    <>
      <Breadcrumbs items={[{ label: '培训记录', to: TRAINING_PATH }, { label: s.topic }]} />
      <PageHeading title={`培训：${s.topic}`}>{s.topic}</PageHeading>
      <div className="training-actions">
        <TrainingStatusTag status={s.status} />
        <Button onClick={() => setEditing(true)}>修改培训信息</Button>
        <Button type="primary" onClick={() => setAdding(true)}>
          添加参训人员
        </Button>
      </div>

      <div className="training-grid">
        <Section id="training-info" title="培训信息">
          <dl className="training-kv">
            <DescRow term="培训日期">{sessionDates(s)}</DescRow>
            <DescRow term="学时">{hoursText(s.hours)}</DescRow>
            <DescRow term="培训形式">{s.formLabel}</DescRow>
            <DescRow term="组织单位">{s.regionName}</DescRow>
            <DescRow term="授课人">{[s.trainer, s.trainerUnit].filter(Boolean).join('，')}</DescRow>
            <DescRow term="地点">{s.place || '—'}</DescRow>
          </dl>
        </Section>
        <Section id="training-content" title="培训内容">
          <p style={{ whiteSpace: 'pre-line', margin: 0 }}>{s.summary || '（未填写）'}</p>
          <p className="muted" style={{ margin: '8px 0 0' }}>
            登记于 {chinaDateTime(s.createdAt)}，最后修改于 {chinaDateTime(s.updatedAt)}
          </p>
        </Section>
      </div>

      <Section id="training-people" title={`参训人员（实到 ${s.attended} 人，名单 ${s.participants} 人）`}>
        {s.status === 'planned' && <p className="muted">培训尚未举办：举办后请把状态改为“已举办”，参训人员的学时才会计入个人档案。</p>}
        {s.participantList.length === 0 ? (
          <p>还没有参训人员。请点击“添加参训人员”。</p>
        ) : isMobile ? (
          <ul className="record-cards" aria-label="参训人员">
            {s.participantList.map((p) => (
              <li key={p.id} className="card">
                <h3 className="record-cards__title">{who(p)}</h3>
                <dl className="summary-kv">
                  <dt>单位</dt>
                  <dd>{p.unit}</dd>
                  {p.phoneMasked && (
                    <>
                      <dt>电话</dt>
                      <dd>{p.phoneMasked}</dd>
                    </>
                  )}
                  <dt>参训情况</dt>
                  <dd>{p.attendanceLabel}</dd>
                  <dt>计入学时</dt>
                  <dd>{hoursText(p.hours)}</dd>
                  <dt>考核</dt>
                  <dd>{assessment(p)}</dd>
                </dl>
                {rowActions(p)}
              </li>
            ))}
          </ul>
        ) : (
          <Table<TrainingParticipant> rowKey="id" columns={columns} dataSource={s.participantList} pagination={false} size="middle" scroll={{ x: 860 }} />
        )}
      </Section>

      <TeachingCases session={s} />

      <Materials session={s} />

      {editing && <SessionDialog roots={roots} existing={s} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
      {adding && <AddParticipantsDialog session={s} onClose={() => setAdding(false)} />}
      {marking && <AttendanceDialog session={s} participant={marking} onClose={() => setMarking(null)} />}
      {removing && <RemoveDialog session={s} participant={removing} onClose={() => setRemoving(null)} />}
    </>
  );
}

/** 教学案例: the published 典型案例 the session cites, each to its portal page; picked and removed on the session's version. */
function TeachingCases({ session }: { session: TrainingSession }) {
  const [picking, setPicking] = useState(false);
  const remove = useRemoveTeachingCase();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const onRemove = (c: TeachingCase) => {
    setError(null);
    remove.mutate(
      { sessionId: session.id, practiceId: c.practiceId, version: session.version },
      { onSuccess: () => message.success(`已不再选用「${c.title}」`), onError: (err) => setError(staleOr(err)) },
    );
  };
  return (
    <Section id="training-cases" title="教学案例">
      <p className="muted" style={{ marginTop: 0 }}>
        培训中讲解的典型案例：从门户已发布的典型案例中选用，推荐用于培训的排在前面。
      </p>
      {session.cases.length === 0 ? (
        <p>还没有选用教学案例。</p>
      ) : (
        <ul className="training-cases">
          {session.cases.map((c) => (
            <li key={c.practiceId}>
              {c.url ? <Link to={c.url}>{c.title}</Link> : <span>{c.title}</span>}
              {c.regionName && <span className="muted">{c.regionName}</span>}
              {c.recommended && <Tag color="purple">推荐用于培训</Tag>}
              {!c.published && <Tag>{c.statusLabel}</Tag>}
              <Button
                size="small"
                danger
                aria-label={`不再选用「${c.title}」`}
                loading={remove.isPending && remove.variables?.practiceId === c.practiceId}
                onClick={() => onRemove(c)}
              >
                移除
              </Button>
            </li>
          ))}
        </ul>
      )}
      {error && <ErrorAlert title={error} style={{ marginBottom: 12 }} />}
      <Button onClick={() => setPicking(true)}>选用教学案例</Button>
      {picking && <PickCasesDialog session={session} onClose={() => setPicking(false)} />}
    </Section>
  );
}

const staleOr = (err: unknown) =>
  err instanceof ApiError && err.code === 'TRAINING_SESSION_CHANGED' ? '这次培训刚被其他人修改过：页面已是最新情况，请再试一次。' : errorMessage(err);

/** 选用教学案例: published 典型案例 by title (recommended first); each added at once, the dialog stays open for more. */
function PickCasesDialog({ session, onClose }: { session: TrainingSession; onClose: () => void }) {
  const [search, setSearch] = useState('');
  const [asked, setAsked] = useState('');
  const choices = useTeachingCaseChoices(asked, true);
  const add = useAddTeachingCase();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const cited = new Set(session.cases.map((c) => c.practiceId));
  const items = choices.data?.items ?? [];
  const onAdd = (id: string, title: string) => {
    setError(null);
    add.mutate({ sessionId: session.id, practiceId: id, version: session.version }, { onSuccess: () => message.success(`已选用「${title}」`), onError: (err) => setError(staleOr(err)) });
  };
  return (
    <Modal open title="选用教学案例" onCancel={onClose} width={isMobile ? '100%' : 640} destroyOnHidden footer={<Button onClick={onClose}>完成</Button>}>
      {error && <ErrorAlert title={error} style={{ marginBottom: 12 }} />}
      <form
        role="search"
        aria-label="查找典型案例"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(search.trim());
        }}
        style={{ display: 'flex', gap: 8, marginBottom: 8, flexWrap: 'wrap' }}
      >
        <label htmlFor="training-case-q" className="visually-hidden">
          案例标题
        </label>
        <Input id="training-case-q" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="案例标题" style={{ maxWidth: 240 }} autoComplete="off" />
        <Button htmlType="submit">查找</Button>
      </form>
      {choices.isPending ? (
        <p role="status">正在查找…</p>
      ) : choices.isError ? (
        <p>{errorMessage(choices.error)}</p>
      ) : items.length === 0 ? (
        <p>没有找到{asked ? `“${asked}”` : ''}已发布的典型案例。</p>
      ) : (
        <ul className="training-cases" aria-label="已发布的典型案例">
          {items.map((c) => (
            <li key={c.id}>
              <span>{c.title}</span>
              <span className="muted">{c.regionName}</span>
              {c.recommended && <Tag color="purple">推荐用于培训</Tag>}
              {cited.has(c.id) ? (
                <span className="muted">已选用</span>
              ) : (
                <Button size="small" aria-label={`选用「${c.title}」`} loading={add.isPending && add.variables?.practiceId === c.id} disabled={add.isPending} onClick={() => onAdd(c.id, c.title)}>
                  选用
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}

/** The session's files: listed with a link each, one uploaded at a time, removed. */
function Materials({ session }: { session: TrainingSession }) {
  const upload = useUploadMaterial();
  const remove = useRemoveMaterial();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const onPick = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setError(null);
    try {
      await upload.mutateAsync({ sessionId: session.id, file });
      message.success(`已上传 ${file.name}`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      if (input.current) input.current.value = '';
    }
  };
  return (
    <Section id="training-materials" title="培训资料">
      {session.materials.length === 0 ? (
        <p className="muted">还没有培训资料。</p>
      ) : (
        <ul className="training-materials">
          {session.materials.map((m) => (
            <li key={m.fileId}>
              <a href={m.url} target="_blank" rel="noreferrer">
                {m.name}
              </a>
              <span className="muted">{sizeText(m.size)}</span>
              <Button
                size="small"
                danger
                aria-label={`删除 ${m.name}`}
                loading={remove.isPending && remove.variables?.fileId === m.fileId}
                onClick={() => remove.mutate({ sessionId: session.id, fileId: m.fileId }, { onError: (err) => setError(errorMessage(err)) })}
              >
                删除
              </Button>
            </li>
          ))}
        </ul>
      )}
      {error && <ErrorAlert title={error} style={{ marginBottom: 12 }} />}
      <label htmlFor="training-material-file" style={{ display: 'block', marginBottom: 4 }}>
        上传资料（课件、签到表、照片等：PDF、Word、Excel、PowerPoint、图片，不超过 20 MB）
      </label>
      <input
        ref={input}
        id="training-material-file"
        type="file"
        accept=".pdf,.doc,.docx,.xls,.xlsx,.pptx,.ofd,.jpg,.jpeg,.png,.webp"
        onChange={onPick}
        disabled={upload.isPending}
      />
      {upload.isPending && <p role="status">正在上传…</p>}
    </Section>
  );
}

interface AttendanceValues {
  attendance: Attendance;
  hours?: number;
  assessment?: Assessment | 'none';
  score?: number | null;
}

/** 登记参训情况: attended, absent or on leave; 学时 credited; the assessment, if there was one. */
function AttendanceDialog({ session, participant, onClose }: { session: TrainingSession; participant: TrainingParticipant; onClose: () => void }) {
  const [form] = Form.useForm<AttendanceValues>();
  const save = useUpdateParticipant();
  const [error, setError] = useState<string | null>(null);
  const [seenVersion] = useState(participant.version);
  const attendance = Form.useWatch('attendance', form) ?? participant.attendance;
  const { message } = App.useApp();
  const isMobile = useMediaQuery('(max-width: 767.98px)');

  const onFinish = async (v: AttendanceValues) => {
    setError(null);
    const attended = v.attendance === 'attended';
    try {
      await save.mutateAsync({
        sessionId: session.id, participantId: participant.id, version: seenVersion, attendance: v.attendance,
        ...(attended ? { hours: v.hours ?? session.hours, assessment: v.assessment && v.assessment !== 'none' ? v.assessment : null, score: v.score ?? null } : {}),
      });
      message.success(`已登记 ${participant.name}：${ATTENDANCES[v.attendance]}`);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'TRAINING_PARTICIPANT_CHANGED') return setError('这名人员的记录刚被其他人修改过：请关闭后查看最新情况再登记。');
      if (applyFieldErrors(form, err) === 0) setError(errorMessage(err));
    }
  };

  return (
    <Modal
      open
      title={`登记参训情况：${participant.name}`}
      onCancel={onClose}
      width={isMobile ? '100%' : 520}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Space wrap>
          <Button onClick={onClose}>取消</Button>
          <BusyButton type="primary" onClick={() => form.submit()} busy={save.isPending} busyText="正在保存…">
            保存
          </BusyButton>
        </Space>
      }
    >
      {error && <ErrorAlert title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        name="training-attendance"
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ attendance: participant.attendance, hours: participant.attendance === 'attended' ? participant.hours : session.hours, assessment: participant.assessment ?? 'none', score: participant.score }}
      >
        <Form.Item name="attendance" rules={[{ required: true, message: '请选择参训情况' }]}>
          <FieldGroup legend="参训情况" required>
            <Radio.Group options={ATTENDANCE_CODES.map((a) => ({ value: a, label: ATTENDANCES[a] }))} />
          </FieldGroup>
        </Form.Item>
        {attendance === 'attended' ? (
          <>
            <Form.Item
              label="计入学时"
              name="hours"
              extra={`本次培训 ${hoursText(session.hours)} 学时；中途离开的可少计，以 0.5 为单位`}
              rules={[
                { required: true, message: '请填写计入学时' },
                { validator: (_, v?: number) => (v === undefined || v === null || (v >= 0 && v <= session.hours && Number.isInteger(v * 2)) ? Promise.resolve() : Promise.reject(new Error(`应为 0 到 ${hoursText(session.hours)}，以 0.5 为单位`))) },
              ]}
            >
              <InputNumber min={0} max={session.hours} step={0.5} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="assessment">
              <FieldGroup legend="考核结果（选填）">
                <Radio.Group options={[{ value: 'none', label: '未考核' }, ...ASSESSMENT_CODES.map((a) => ({ value: a, label: ASSESSMENTS[a] }))]} />
              </FieldGroup>
            </Form.Item>
            <Form.Item label="考核成绩（选填）" name="score" extra="百分制，0–100 的整数">
              <InputNumber min={0} max={100} precision={0} style={{ width: 120 }} />
            </Form.Item>
          </>
        ) : (
          <p className="muted">缺席、请假的不计学时。</p>
        )}
      </Form>
    </Modal>
  );
}

function RemoveDialog({ session, participant, onClose }: { session: TrainingSession; participant: TrainingParticipant; onClose: () => void }) {
  const remove = useRemoveParticipant();
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const confirm = async () => {
    try {
      await remove.mutateAsync({ sessionId: session.id, participantId: participant.id });
      message.success(`已把 ${participant.name} 移出名单`);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Modal
      open
      title="移出参训名单"
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space wrap>
          <Button onClick={onClose}>返回</Button>
          <BusyButton danger type="primary" onClick={confirm} busy={remove.isPending} busyText="正在移出…">
            确认移出
          </BusyButton>
        </Space>
      }
    >
      {error && <ErrorAlert title={error} style={{ marginBottom: 12 }} />}
      <p>
        把 {participant.name}（{participant.unit}）移出“{session.topic}”的参训名单？只用于误加的人员；缺席、请假请用“登记参训情况”。
      </p>
    </Modal>
  );
}

interface External {
  name?: string;
  unit?: string;
  phone?: string;
}

/**
 * 添加参训人员: staff of the organiser's area found by name or username (ticked), and people without
 * an account typed in one per row. Sent at once; those already listed are said, not added twice.
 */
function AddParticipantsDialog({ session, onClose }: { session: TrainingSession; onClose: () => void }) {
  const [search, setSearch] = useState('');
  const [asked, setAsked] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [form] = Form.useForm<{ externals: External[] }>();
  const candidates = useTrainingCandidates(session.regionCode, asked, true);
  const add = useAddParticipants();
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const listed = new Set(session.participantList.map((p) => p.staffId).filter(Boolean));
  const options = (candidates.data?.items ?? []).filter((a) => !listed.has(a.id));

  const onFinish = async ({ externals = [] }: { externals?: External[] }) => {
    setError(null);
    const rows = externals.filter((e) => e.name?.trim() || e.unit?.trim());
    if (picked.length === 0 && rows.length === 0) return setError('请勾选工作人员，或填写没有账号的参训人员');
    try {
      const r = await add.mutateAsync({
        sessionId: session.id, staffIds: picked,
        externals: rows.map((e) => ({ name: e.name!.trim(), unit: e.unit!.trim(), ...(e.phone?.trim() ? { phone: e.phone.trim() } : {}) })),
      });
      message.success(`已添加 ${r.added} 人${r.alreadyListed.length ? `；${r.alreadyListed.join('、')} 已在名单中` : ''}`, 6);
      onClose();
    } catch (err) {
      if (applyFieldErrors(form, err) === 0) setError(errorMessage(err));
    }
  };

  return (
    <Modal
      open
      title="添加参训人员"
      onCancel={onClose}
      width={isMobile ? '100%' : 680}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Space wrap>
          <Button onClick={onClose}>取消</Button>
          <BusyButton type="primary" onClick={() => form.submit()} busy={add.isPending} busyText="正在添加…">
            添加{picked.length ? `（已选 ${picked.length} 名工作人员）` : ''}
          </BusyButton>
        </Space>
      }
    >
      {error && <ErrorAlert title={error} style={{ marginBottom: 12 }} />}
      <h3 style={{ marginTop: 0 }}>{session.regionName}的工作人员</h3>
      <form
        role="search"
        aria-label="查找工作人员"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(search.trim());
        }}
        style={{ display: 'flex', gap: 8, marginBottom: 8, flexWrap: 'wrap' }}
      >
        <label htmlFor="training-candidate-q" className="visually-hidden">
          姓名或用户名
        </label>
        <Input id="training-candidate-q" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="姓名或用户名" style={{ maxWidth: 240 }} autoComplete="off" />
        <Button htmlType="submit">查找</Button>
      </form>
      <fieldset className="training-candidates">
        <legend className="visually-hidden">勾选参训的工作人员</legend>
        {candidates.isPending ? (
          <p role="status">正在查找…</p>
        ) : candidates.isError ? (
          <p>{errorMessage(candidates.error)}</p>
        ) : options.length === 0 ? (
          <p>没有找到{asked ? `“${asked}”` : ''}（已在名单中的不再列出）。</p>
        ) : (
          <Checkbox.Group value={picked} onChange={(v) => setPicked(v as string[])} options={options.map((a) => ({ value: a.id, label: `${a.name}（${a.username}，${a.regionName}）` }))} />
        )}
      </fieldset>
      <h3>没有账号的人员（如村、社区代办员）</h3>
      <Form form={form} name="training-externals" layout="vertical" onFinish={onFinish} initialValues={{ externals: [] }}>
        <Form.List name="externals">
          {(fields, { add: addRow, remove: removeRow }) => (
            <>
              {fields.map((field, i) => (
                <div key={field.key} className="training-external">
                  <Form.Item label={`第 ${i + 1} 人 姓名`} name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 50, message: '不超过 50 字' }]}>
                    <Input maxLength={50} autoComplete="off" />
                  </Form.Item>
                  <Form.Item label={`第 ${i + 1} 人 单位`} name={[field.name, 'unit']} rules={[{ required: true, whitespace: true, message: '请填写所在单位' }, { max: 100, message: '不超过 100 字' }]}>
                    <Input maxLength={100} autoComplete="off" placeholder="如：北关社区居委会" />
                  </Form.Item>
                  <Form.Item
                    label={`第 ${i + 1} 人 手机号（选填）`}
                    name={[field.name, 'phone']}
                    rules={[{ pattern: /^\s*1[3-9]\d{9}\s*$/, message: '请输入正确的 11 位手机号码' }]}
                  >
                    <Input maxLength={20} inputMode="tel" autoComplete="off" />
                  </Form.Item>
                  <div style={{ marginBottom: 24 }}>
                    <Button onClick={() => removeRow(field.name)} aria-label={`删除第 ${i + 1} 人`}>
                      删除
                    </Button>
                  </div>
                </div>
              ))}
              <Button onClick={() => addRow({})}>添加一行</Button>
            </>
          )}
        </Form.List>
      </Form>
      <p className="muted" style={{ marginTop: 12 }}>
        手机号加密保存，页面只显示部分号码。同一人（工作人员按账号，其他人按姓名和单位）不会重复添加。
      </p>
    </Modal>
  );
}
