import { Alert, AutoComplete, Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { CASE_ACTIONS, DELIVERY_METHODS, type CaseActionName, type DeliveryMethod } from '../../../shared/cases.js';
import { NECESSITIES } from '../../../shared/catalog.js';
import { useCaseAction, type CaseActionRequest, type CaseDetail } from '../../api/cases.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { useRegion } from '../../api/regions.js';
import { AutoTextArea } from '../../components/AutoTextArea.js';
import { BusyButton } from '../../components/BusyButton.js';
import { applyFieldErrors } from '../../components/formErrors.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.js';
import { useMediaQuery } from '../../components/useMediaQuery.js';
import { CaseEligibilityWarnings } from './EligibilityWarnings.js';
import { EMPTY_MATERIAL, MaterialField, toMaterialInput, type MaterialValue } from './MaterialField.js';

/** What a button and its dialog are called; 审查通过 from 待决定 is the decision itself. */
export function actionTitle(action: CaseActionName, c: Pick<CaseDetail, 'status'>): string {
  if (action === 'approve') return c.status === 'deciding' ? '决定准予（办结）' : '审查通过（提交决定）';
  if (action === 'deny') return '决定不予许可（办结）';
  if (action === 'resubmit') return '代申请人补正材料';
  if (action === 'withdraw') return '代申请人撤回';
  return CASE_ACTIONS[action];
}

export const DANGER_ACTIONS: readonly CaseActionName[] = ['refuse', 'deny', 'terminate', 'withdraw'];
export const PRIMARY_ACTIONS: readonly CaseActionName[] = ['accept', 'approve', 'forward', 'deliver', 'resume', 'resubmit'];

/** Errors that mean the page showed an old state: close, say so, reload. */
const STALE_CODES = ['CASE_STATE_CHANGED', 'CASE_WRONG_STATE', 'CASE_NOT_FOUND'];

const PROCEDURES = ['专家评审', '现场勘查', '听证', '检验检测', '公示', '招标拍卖', '技术审查'];

/** A form field the applicant answered, for 补正 of form content. */
export interface AnsweredField {
  key: string;
  label: string;
}

interface Values {
  opinion?: string;
  reason?: string;
  resultNote?: string;
  toRegionCode?: string;
  days?: number;
  procedure?: string;
  method?: DeliveryMethod;
  trackingNo?: string;
  address?: string;
  mats?: Record<string, { checked?: boolean; reason?: string }>;
  fields?: Record<string, { checked?: boolean; reason?: string }>;
  answers?: Record<string, string>;
}

const REASON_LABELS: Partial<Record<CaseActionName, string>> = {
  refuse: '不予受理的理由',
  deny: '不予许可的理由',
  return: '退回理由',
  terminate: '终止理由',
  transfer: '转办理由',
  extend: '延期理由',
  pause: '特别程序的理由',
  withdraw: '申请人的撤回申请（书面申请的内容或编号）',
};

function Intro({ action, c }: { action: CaseActionName; c: CaseDetail }) {
  switch (action) {
    case 'accept':
      return (
        <>
          <p>
            受理后开始计时：承诺时限 {c.promisedDays === null ? '不以工作日计' : c.promisedDays === 0 ? '即办' : `${c.promisedDays} 个工作日`}，系统生成受理通知。
          </p>
          <CaseEligibilityWarnings warnings={c.eligibilityWarnings} accepting />
        </>
      );
    case 'request-correction':
      return (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="一次性告知"
          description="请一次列全需要补正的全部内容：告知将以短信发给申请人，本环节只能告知一次。补正期间暂停计时。"
        />
      );
    case 'refuse':
      return <p>不予受理将结束办件，并生成不予受理通知书。请写明依据和理由。</p>;
    case 'deny':
      return <p>决定不予许可将办结本件，并生成办结通知。请写明依据和理由。</p>;
    case 'return':
      return <p>退回到审查环节重新审查。</p>;
    case 'terminate':
      return <p>终止办理将结束办件，请写明终止的理由。</p>;
    case 'approve':
      return c.status === 'deciding' ? <p>决定准予，办件办结，生成办结通知，随后送达。</p> : <p>审查通过后进入决定环节。</p>;
    case 'transfer':
      return <p>将办件转给实施本事项并可办结的其他镇（街道）或村（社区）办理（通办）。受理前可以转办。</p>;
    case 'extend':
      return (
        <p>
          只能延期一次，延期后承诺办结日期相应顺延。当前承诺办结日期：{c.dueDate ?? '—'}。
        </p>
      );
    case 'pause':
      return <p>特别程序（如专家评审、现场勘查）期间暂停计时，结束后恢复并顺延办结日期。</p>;
    case 'resume':
      return <p>特别程序结束，恢复计时；暂停的工作日顺延到承诺办结日期。</p>;
    case 'forward':
      return <p>本地只收件不办结（收受分离）：将办件转报 {c.handlingRegionName} 受理、办理。</p>;
    case 'deliver':
      return <p>将办理结果送达申请人，办件结束。</p>;
    case 'resubmit':
      return <p>申请人到窗口补齐材料时，由窗口代为提交补正。须补齐告知的全部内容。</p>;
    case 'withdraw':
      return <p>申请人书面申请撤回时，由窗口代为撤回，办件结束。</p>;
  }
}

/**
 * The dialog of one action, with exactly the fields its body needs. The page's version goes with
 * every request, so a page showing an older state gets 409 CASE_STATE_CHANGED (→ onStale).
 */
export function ActionDialog({
  c,
  action,
  answeredFields,
  onClose,
  onDone,
  onStale,
}: {
  c: CaseDetail;
  action: CaseActionName | null;
  answeredFields: AnsweredField[];
  onClose: () => void;
  onDone: (detail: CaseDetail, action: CaseActionName) => void;
  onStale: (message: string) => void;
}) {
  const [form] = Form.useForm<Values>();
  // The version the person saw when they opened the dialog: if the case changes while it is open
  // (a background refresh), the action is refused with 409 instead of applying to a state unseen.
  const seenVersion = useRef(c.version);
  useEffect(() => {
    if (action) seenVersion.current = c.version;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the dialog opens
  }, [action]);
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const act = useCaseAction();
  const busy = act.isPending;
  const [error, setError] = useState<string | null>(null);
  const [resubmitted, setResubmitted] = useState<Record<string, MaterialValue>>({});
  const [missingUpload, setMissingUpload] = useState<Set<string>>(new Set());
  const county = c.regionCode.slice(0, 6);
  const countyRegion = useRegion(action === 'transfer' ? county : undefined);
  const mats = Form.useWatch('mats', form);
  const fieldsWatch = Form.useWatch('fields', form);
  const method = Form.useWatch('method', form);

  useEffect(() => {
    if (action) {
      setError(null);
      setResubmitted({});
      setMissingUpload(new Set());
    }
  }, [action]);

  if (!action) return null;
  const title = actionTitle(action, c);
  const reasonLabel = REASON_LABELS[action];
  const noticeItems = c.correctionNotice?.items ?? [];

  const close = () => {
    if (!busy) onClose();
  };

  const onFinish = async (v: Values) => {
    setError(null);
    const rename: Record<string, string> = {};
    let body: Record<string, unknown> = { version: seenVersion.current };
    switch (action) {
      case 'accept':
      case 'resume':
      case 'forward':
        body.opinion = v.opinion?.trim() ?? '';
        break;
      case 'refuse':
      case 'deny':
      case 'return':
      case 'terminate':
      case 'withdraw':
        body.reason = v.reason?.trim() ?? '';
        break;
      case 'approve':
        body = { ...body, opinion: v.opinion?.trim() ?? '', ...(c.status === 'deciding' && v.resultNote?.trim() ? { resultNote: v.resultNote.trim() } : {}) };
        break;
      case 'transfer':
        body = { ...body, toRegionCode: v.toRegionCode, reason: v.reason?.trim() ?? '' };
        break;
      case 'extend':
        body = { ...body, days: v.days, reason: v.reason?.trim() ?? '' };
        break;
      case 'pause':
        body = { ...body, procedure: v.procedure?.trim() ?? '', reason: v.reason?.trim() ?? '' };
        break;
      case 'deliver':
        body = {
          ...body,
          method: v.method,
          opinion: v.opinion?.trim() ?? '',
          ...(v.method === 'post' ? { trackingNo: v.trackingNo?.trim(), ...(v.address?.trim() && v.address.trim() !== c.deliveryAddress ? { address: v.address.trim() } : {}) } : {}),
        };
        break;
      case 'request-correction': {
        const items: { materialId?: string; field?: string; reason: string }[] = [];
        for (const m of c.workflow.materials) {
          const x = v.mats?.[m.id];
          if (x?.checked) {
            rename[`items.${items.length}.reason`] = `mats.${m.id}.reason`;
            items.push({ materialId: m.id, reason: x.reason?.trim() ?? '' });
          }
        }
        for (const f of answeredFields) {
          const x = v.fields?.[f.key];
          if (x?.checked) {
            rename[`items.${items.length}.reason`] = `fields.${f.key}.reason`;
            items.push({ field: f.key, reason: x.reason?.trim() ?? '' });
          }
        }
        if (items.length === 0) {
          setError('请至少勾选一项需要补正的材料或表单内容');
          return;
        }
        body = { ...body, opinion: v.opinion?.trim() ?? '', items };
        break;
      }
      case 'resubmit': {
        const materials = [];
        const missing = new Set<string>();
        for (const i of noticeItems) {
          if (!i.materialId) continue;
          const m = toMaterialInput(i.materialId, resubmitted[i.materialId]);
          if (!m) missing.add(i.materialId);
          else materials.push(m);
        }
        setMissingUpload(missing);
        if (missing.size) {
          setError('请收取告知补正的全部材料（上传扫描件或收取纸质材料）');
          return;
        }
        const formData: Record<string, string> = {};
        for (const i of noticeItems) if (i.field) formData[i.field] = v.answers?.[i.field]?.trim() ?? '';
        body = { ...body, opinion: v.opinion?.trim() ?? '', materials, formData };
        break;
      }
    }
    try {
      const detail = await act.mutateAsync({ id: c.id, action, body } as CaseActionRequest);
      onDone(detail, action);
    } catch (err) {
      if (err instanceof ApiError && STALE_CODES.includes(err.code)) {
        onStale(`未能${title}：${err.message.replace(/[，,]?请刷新后重试[。.]?$/, '').replace(/[。.]$/, '')}。页面已刷新为办件的最新状态，请核对后再操作。`);
        return;
      }
      if (applyFieldErrors(form, err, rename) === 0) setError(errorMessage(err));
    }
  };

  const reasonRule = (label: string) => [
    { required: true, whitespace: true, message: `请填写${label}` },
    { max: 1000, message: '不超过 1000 字' },
  ];
  const opinionItem = (label = '意见（选填）') => (
    <Form.Item label={label} name="opinion" rules={[{ max: 1000, message: '不超过 1000 字' }]}>
      <AutoTextArea minRows={2} maxRows={6} maxLength={1000} />
    </Form.Item>
  );

  return (
    <Modal
      open
      title={title}
      onCancel={close}
      width={isMobile ? '100%' : 640}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Space wrap>
          <Button onClick={close}>取消</Button>
          <BusyButton type="primary" danger={DANGER_ACTIONS.includes(action)} onClick={() => form.submit()} busy={busy} busyText="正在提交…">
            确认{title.replace(/（.*）$/, '')}
          </BusyButton>
        </Space>
      }
    >
      <p className="muted" style={{ marginTop: 0 }}>
        办件 {c.caseNo} · {c.itemName} · 申请人 {c.applicantName}
      </p>
      <Intro action={action} c={c} />
      <Form
        form={form}
        name={`case-action-${action}`}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ method: (c.deliveryMethod as DeliveryMethod | null) ?? 'pickup', address: c.deliveryAddress ?? c.address }}
      >
        {action === 'request-correction' && (
          <>
            <fieldset className="case-fieldset">
              <legend>需补正的材料</legend>
              {c.workflow.materials.length === 0 && <p className="muted">本事项没有列出材料。</p>}
              {c.workflow.materials.map((m) => (
                <div key={m.id} className="correction-item">
                  <Form.Item name={['mats', m.id, 'checked']} valuePropName="checked" style={{ marginBottom: 4 }}>
                    <Checkbox>
                      {m.name}
                      <span className="muted">（{NECESSITIES[m.necessity as keyof typeof NECESSITIES] ?? m.necessity}{c.materials.some((x) => x.materialId === m.id) ? '，已收取' : '，未收取'}）</span>
                    </Checkbox>
                  </Form.Item>
                  {mats?.[m.id]?.checked && (
                    <Form.Item label={`「${m.name}」需补正的内容`} name={['mats', m.id, 'reason']} rules={[{ required: true, whitespace: true, message: '请说明需要补正的内容' }, { max: 300, message: '不超过 300 字' }]}>
                      <Input maxLength={300} placeholder="例如：请提供医院出具的住院证明原件" />
                    </Form.Item>
                  )}
                </div>
              ))}
            </fieldset>
            {answeredFields.length > 0 && (
              <fieldset className="case-fieldset">
                <legend>需补正的表单内容</legend>
                {answeredFields.map((f) => (
                  <div key={f.key} className="correction-item">
                    <Form.Item name={['fields', f.key, 'checked']} valuePropName="checked" style={{ marginBottom: 4 }}>
                      <Checkbox>{f.label}</Checkbox>
                    </Form.Item>
                    {fieldsWatch?.[f.key]?.checked && (
                      <Form.Item label={`「${f.label}」需补正的内容`} name={['fields', f.key, 'reason']} rules={[{ required: true, whitespace: true, message: '请说明需要补正的内容' }, { max: 300, message: '不超过 300 字' }]}>
                        <Input maxLength={300} />
                      </Form.Item>
                    )}
                  </div>
                ))}
              </fieldset>
            )}
            {opinionItem('告知说明（选填）')}
          </>
        )}

        {action === 'resubmit' && (
          <>
            {noticeItems.filter((i) => i.materialId).length > 0 && (
              <fieldset className="case-fieldset">
                <legend>告知补正的材料</legend>
                {noticeItems
                  .filter((i) => i.materialId)
                  .map((i) => (
                    <div key={i.materialId} className="correction-item">
                      <p style={{ margin: '0 0 4px' }}>
                        <strong>{i.name}</strong>
                        <span className="muted">（{i.reason}）</span>
                      </p>
                      <MaterialField
                        materialId={i.materialId!}
                        name={i.name}
                        value={resubmitted[i.materialId!] ?? { ...EMPTY_MATERIAL, source: 'paper' }}
                        onChange={(val) => setResubmitted((prev) => ({ ...prev, [i.materialId!]: val }))}
                        invalid={missingUpload.has(i.materialId!)}
                      />
                    </div>
                  ))}
              </fieldset>
            )}
            {noticeItems
              .filter((i) => i.field)
              .map((i) => (
                <Form.Item key={i.field} label={`${i.name}（${i.reason}）`} name={['answers', i.field!]} rules={[{ required: true, whitespace: true, message: `请填写「${i.name}」` }]}>
                  <Input maxLength={2000} />
                </Form.Item>
              ))}
            {opinionItem()}
          </>
        )}

        {action === 'transfer' && (
          <Form.Item label="转至" name="toRegionCode" rules={[{ required: true, message: '请选择转办的镇（街道）或村（社区）' }]}>
            <RegionTreeSelect roots={countyRegion.data ? [{ code: county, name: countyRegion.data.name }] : []} placeholder="请选择办理地" />
          </Form.Item>
        )}

        {action === 'extend' && (
          <Form.Item label="延长的工作日" name="days" rules={[{ required: true, message: '请填写延长的工作日（1–60）' }]} extra="1–60 个工作日">
            <InputNumber min={1} max={60} precision={0} style={{ width: 160 }} addonAfter="个工作日" />
          </Form.Item>
        )}

        {action === 'pause' && (
          <Form.Item label="特别程序名称" name="procedure" rules={[{ required: true, whitespace: true, message: '请填写特别程序名称（如专家评审、现场勘查）' }, { max: 50, message: '不超过 50 字' }]}>
            <AutoComplete options={PROCEDURES.map((p) => ({ value: p }))} placeholder="如：专家评审、现场勘查" maxLength={50} filterOption={(input, o) => String(o?.value ?? '').includes(input)} />
          </Form.Item>
        )}

        {action === 'deliver' && (
          <Form.Item label="送达方式" name="method" rules={[{ required: true, message: '请选择送达方式' }]}>
            <Radio.Group options={Object.entries(DELIVERY_METHODS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        )}

        {reasonLabel && (
          <Form.Item label={reasonLabel} name="reason" rules={action === 'withdraw' ? reasonRule('申请人的撤回申请') : reasonRule(reasonLabel)}>
            <AutoTextArea minRows={3} maxRows={8} maxLength={1000} />
          </Form.Item>
        )}

        {action === 'accept' && c.eligibilityWarnings.length > 0 ? (
          // 可能不符合受理条件: accepting all the same needs the reason (the server asks for it too)
          <Form.Item label="受理理由（必填）" name="opinion" rules={reasonRule('受理理由')}>
            <AutoTextArea minRows={2} maxRows={6} maxLength={1000} />
          </Form.Item>
        ) : (
          (action === 'accept' || action === 'resume' || action === 'forward') && opinionItem()
        )}
        {action === 'approve' && (
          <>
            {opinionItem(c.status === 'deciding' ? '决定意见（选填）' : '审查意见（选填）')}
            {c.status === 'deciding' && (
              <Form.Item label="办理结果说明（选填）" name="resultNote" rules={[{ max: 200, message: '不超过 200 字' }]} extra="如证照名称、编号，或补贴发放标准">
                <Input maxLength={200} />
              </Form.Item>
            )}
          </>
        )}
        {action === 'deliver' && method === 'post' && (
          <>
            <Form.Item
              label="邮件单号"
              name="trackingNo"
              rules={[
                { required: true, whitespace: true, message: '邮寄送达请填写邮件单号' },
                { pattern: /^[A-Za-z0-9-]{6,30}$/, message: '邮件单号为 6–30 位字母或数字' },
              ]}
            >
              <Input maxLength={30} autoComplete="off" placeholder="如：1234567890123" />
            </Form.Item>
            <Form.Item label="收件地址" name="address" rules={[{ required: true, whitespace: true, message: '请填写收件地址' }, { min: 5, message: '请填写完整的收件地址' }, { max: 200, message: '不超过 200 字' }]}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          </>
        )}
        {action === 'deliver' && (
          <Form.Item label={method === 'post' ? '快递公司及说明（选填）' : '送达说明（选填）'} name="opinion" rules={[{ max: 1000, message: '不超过 1000 字' }]}>
            <Input maxLength={1000} placeholder={method === 'post' ? '如：中国邮政 EMS' : method === 'electronic' ? '如：已推送至申请人电子证照库' : '如：本人当场领取'} />
          </Form.Item>
        )}
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
