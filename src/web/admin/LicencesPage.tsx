/**
 * 电子证照 on the workbench (case.view): the licences the platform issued as the result of cases in
 * the staff member's area, by status, place and text (type or holder, or a whole licence or case
 * number), each with the case it came from; and 注销 (revoke) with a reason, for approvers over the
 * issuing place (`canRevoke`: also for an expired one, not for one already revoked).
 * A revoked licence shows as 已注销 everywhere at once: the holder's wallet, 亮证 verification and
 * the cases that used it read the same record.
 */
import { App, Button, Form, Input, Modal, Space, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { LICENCE_STATUSES, type LicenceStatus } from '../../shared/licences.js';
import { ApiError, errorMessage } from '../api/client.js';
import { useIssuedLicences, useRevokeLicence, type IssuedFilters, type IssuedLicence } from '../api/licencesStaff.js';
import { scopeRoots } from '../api/session.js';
import { casePath } from '../cases/staff/labels.js';
import { LicenceStatusTag, validityText } from '../cases/staff/LicenceView.js';
import { AutoTextArea } from '../components/AutoTextArea.js';
import { BusyButton } from '../components/BusyButton.js';
import { INPUT_CLEAR } from '../components/clear.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { FilterBar, FilterField, FilterSelect } from '../components/FilterBar.js';
import { applyFieldErrors } from '../components/formErrors.js';
import { ListPagination } from '../components/ListPagination.js';
import { PageHeading } from '../components/PageHeading.js';
import { RecordList } from '../components/RecordList.js';
import { RegionTreeSelect } from '../components/RegionTreeSelect.js';
import { useMediaQuery } from '../components/useMediaQuery.js';
import { useUrlFilters } from '../components/useUrlFilters.js';
import { chinaDateTime } from '../dates.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';

const PAGE_SIZE = 20;

export default function LicencesRoute() {
  return (
    <RequireAction action="case.view" title="电子证照">
      <LicencesPage />
    </RequireAction>
  );
}

const NAMES = ['status', 'q', 'region'] as const;
type Values = Partial<Record<(typeof NAMES)[number], string>>;
const isStatus = (s: string | undefined): s is LicenceStatus => s !== undefined && s in LICENCE_STATUSES;
const REGION = /^\d{6}(\d{3}(\d{3})?)?$/;

/** The case a licence is the result of: the item, and its number linking to the case. */
function FromCase({ l }: { l: IssuedLicence }) {
  if (!l.caseNo) return <span className="muted">—</span>;
  return (
    <>
      <div>{l.itemName ?? '—'}</div>
      {l.caseId ? (
        <Link to={casePath(l.caseId)} className="nowrap" aria-label={`办件 ${l.caseNo}`}>
          {l.caseNo}
        </Link>
      ) : (
        <span className="nowrap">{l.caseNo}</span>
      )}
    </>
  );
}

/** When and why it was revoked (nothing while it is not). */
function RevokedNote({ l }: { l: IssuedLicence }) {
  if (l.status !== 'revoked') return null;
  return (
    <div className="muted">
      {l.revokedAt ? `${chinaDateTime(l.revokedAt)} 注销` : '已注销'}
      {l.revokedReason ? `：${l.revokedReason}` : ''}
    </div>
  );
}

function LicencesPage() {
  const { me } = useWorkbench();
  const roots = scopeRoots(me, 'case.view');
  const { values, page, apply } = useUrlFilters(NAMES);
  const filters: IssuedFilters = {
    status: isStatus(values.status) ? values.status : undefined,
    q: values.q?.trim().slice(0, 50) || undefined,
    region: values.region && REGION.test(values.region) ? values.region : undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useIssuedLicences(filters);
  const current: Values = { status: filters.status, q: filters.q, region: filters.region };
  const [draft, setDraft] = useState<Values>(current);
  const [revoking, setRevoking] = useState<IssuedLicence | null>(null);
  const { message } = App.useApp();

  const revokeButton = (l: IssuedLicence) =>
    l.canRevoke ? (
      <Button danger size="small" onClick={() => setRevoking(l)} aria-label={`注销：${l.type} ${l.number}（${l.holderName}）`}>
        注销
      </Button>
    ) : null;

  const columns: TableColumnsType<IssuedLicence> = [
    {
      title: '证照',
      key: 'licence',
      render: (_, l) => (
        <>
          <div className="licence-type">{l.type}</div>
          <div className="muted nowrap">{l.number}</div>
        </>
      ),
    },
    {
      title: '持证人',
      key: 'holder',
      width: 140,
      render: (_, l) => (
        <>
          {l.holderName}
          <div className="muted nowrap">{l.holderIdMasked}</div>
        </>
      ),
    },
    { title: '事项 / 办件', key: 'case', width: 250, render: (_, l) => <FromCase l={l} /> },
    {
      title: '签发与有效期',
      key: 'issued',
      width: 160,
      render: (_, l) => (
        <>
          <div className="nowrap">{l.issuedOn} 签发</div>
          <div className="muted">{l.issuer}</div>
          <div className="muted">{l.validUntil ? `有效期至 ${l.validUntil}` : '长期有效'}</div>
        </>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 170,
      render: (_, l) => (
        <>
          <LicenceStatusTag status={l.status} />
          <RevokedNote l={l} />
          {l.canRevoke && <div style={{ marginTop: 6 }}>{revokeButton(l)}</div>}
        </>
      ),
    },
  ];

  return (
    <>
      <PageHeading>电子证照</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        本辖区（{roots.map((r) => r.name).join('、') || '—'}）办结签发的电子证照。审批人员可注销本辖区签发的证照；注销后，持证人的证照夹、亮证核验和使用该证照的办件同时显示“已注销”，不可恢复。
      </p>
      <FilterBar
        label="筛选电子证照"
        onSearch={() => apply({ ...draft })}
        onReset={() => {
          setDraft({});
          apply({});
        }}
      >
        <FilterField id="licences-q" label="证照类型、持证人或编号">
          <Input id="licences-q" value={draft.q ?? ''} onChange={(e) => setDraft({ ...draft, q: e.target.value })} placeholder="类型、姓名，或完整的证照编号、办件编号" allowClear={INPUT_CLEAR} maxLength={50} />
        </FilterField>
        <FilterSelect<LicenceStatus>
          id="licences-status"
          label="状态"
          value={isStatus(draft.status) ? draft.status : undefined}
          onChange={(status) => setDraft({ ...draft, status })}
          placeholder="全部状态"
          options={(Object.keys(LICENCE_STATUSES) as LicenceStatus[]).map((s) => ({ value: s, label: LICENCE_STATUSES[s] }))}
        />
        <FilterField id="licences-region" label="签发地">
          <RegionTreeSelect id="licences-region" roots={roots} value={draft.region} onChange={(region) => setDraft({ ...draft, region })} placeholder="本辖区全部" />
        </FilterField>
      </FilterBar>
      <p role="status" aria-live="polite" style={{ margin: '0 0 12px' }}>
        {list.data ? `共 ${list.data.total} 张电子证照` : ''}
      </p>
      <RecordList<IssuedLicence>
        query={list}
        items={list.data?.items}
        label="电子证照列表"
        failed="电子证照列表加载失败"
        empty="没有符合条件的电子证照"
        rowKey="id"
        columns={columns}
        scrollX={960}
        card={(l) => (
          <>
            <h2 className="record-cards__title">
              {l.type} <LicenceStatusTag status={l.status} />
            </h2>
            <dl className="summary-kv">
              <dt>证照编号</dt>
              <dd>{l.number}</dd>
              <dt>持证人</dt>
              <dd>
                {l.holderName} {l.holderIdMasked}
              </dd>
              <dt>事项 / 办件</dt>
              <dd>
                <FromCase l={l} />
              </dd>
              <dt>签发</dt>
              <dd>
                {l.issuedOn} {l.issuer}
              </dd>
              <dt>有效期</dt>
              <dd>{validityText(l)}</dd>
              {l.status === 'revoked' && (
                <>
                  <dt>注销</dt>
                  <dd>
                    <RevokedNote l={l} />
                  </dd>
                </>
              )}
            </dl>
            {revokeButton(l)}
          </>
        )}
      />
      <ListPagination current={page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} onChange={(next) => apply({ ...current, page: next })} label="电子证照分页" unit="张" />
      {revoking && (
        <RevokeDialog
          l={revoking}
          onClose={() => setRevoking(null)}
          onDone={(next) => {
            setRevoking(null);
            message.success(`已注销${next.holderName}的「${next.type}」`);
          }}
        />
      )}
    </>
  );
}

/**
 * 注销: the reason is required (the holder reads it), and the dialog says what follows before the
 * approver confirms. A licence that was revoked (or expired) meanwhile is refused (409): nothing is
 * done, the dialog says so and the list shows it as it now stands.
 */
function RevokeDialog({ l, onClose, onDone }: { l: IssuedLicence; onClose: () => void; onDone: (next: IssuedLicence) => void }) {
  const [form] = Form.useForm<{ reason?: string }>();
  const revoke = useRevokeLicence();
  const [error, setError] = useState<string | null>(null);
  const isMobile = useMediaQuery('(max-width: 767.98px)');

  const onFinish = async (v: { reason?: string }) => {
    setError(null);
    try {
      onDone(await revoke.mutateAsync({ id: l.id, reason: v.reason?.trim() ?? '' }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setError(`未注销：${err.message}`);
        return;
      }
      if (applyFieldErrors(form, err) === 0) setError(errorMessage(err));
    }
  };

  return (
    <Modal
      open
      title="注销电子证照"
      onCancel={onClose}
      width={isMobile ? '100%' : 560}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Space wrap>
          <Button onClick={onClose}>返回</Button>
          <BusyButton type="primary" danger onClick={() => form.submit()} busy={revoke.isPending} busyText="正在注销…">
            确认注销
          </BusyButton>
        </Space>
      }
    >
      <dl className="summary-kv" style={{ marginBottom: 12 }}>
        <dt>证照</dt>
        <dd>
          {l.type} {l.number}
        </dd>
        <dt>持证人</dt>
        <dd>
          {l.holderName} {l.holderIdMasked}
        </dd>
        {l.caseNo && (
          <>
            <dt>签发办件</dt>
            <dd>
              {l.itemName} {l.caseNo}
            </dd>
          </>
        )}
      </dl>
      <p>注销后不可恢复：持证人的证照夹、亮证核验和使用该证照的办件将同时显示“已注销”，该证照不能再代替申请材料。</p>
      {error && <ErrorAlert title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} name="licence-revoke" layout="vertical" onFinish={onFinish}>
        <Form.Item
          label="注销原因（持证人可见）"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写注销原因' },
            { min: 2, message: '请填写注销原因' },
            { max: 500, message: '不超过 500 字' },
          ]}
        >
          <AutoTextArea minRows={3} maxRows={6} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
