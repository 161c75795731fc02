/**
 * 电子证照 as staff see it: the status tag (有效 / 已过期 / 已注销, in words — red when the licence
 * no longer stands) and, inside a case, the licence the applicant used in place of a material
 * (免提交), read from GET /cases/:id/licences/:licenceId when the clerk asks for it (each look is
 * audited, so the case page does not fetch it unasked).
 */
import { Alert, Button, Modal, Tag } from 'antd';
import type { ReactNode } from 'react';
import { LICENCE_STATUSES, licenceTypeDef, type LicenceStatus } from '../../../shared/licences.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { useCaseLicence, type LicenceDetail } from '../../api/licencesStaff.js';
import { useMediaQuery } from '../../components/useMediaQuery.js';
import { chinaDateTime } from '../../dates.js';
import './cases.css';

const STATUS_COLORS: Record<LicenceStatus, string> = { valid: 'success', expired: 'error', revoked: 'error' };

export function LicenceStatusTag({ status }: { status: LicenceStatus }) {
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} className="licence-status">
      {LICENCE_STATUSES[status] ?? status}
    </Tag>
  );
}

/** 2024-01-01 至 2034-01-01, or 至 长期有效. */
export const validityText = (l: Pick<LicenceDetail, 'validFrom' | 'validUntil'>) => `${l.validFrom} 至 ${l.validUntil ?? '长期有效'}`;

/** Why a licence no longer stands, in words (null while it is valid). */
export function notValidText(l: Pick<LicenceDetail, 'status' | 'revokedAt' | 'revokedReason' | 'validUntil'>): string | null {
  if (l.status === 'revoked') return `该证照已${l.revokedAt ? `于 ${chinaDateTime(l.revokedAt)} ` : ''}注销${l.revokedReason ? `，原因：${l.revokedReason}` : ''}。`;
  if (l.status === 'expired') return `该证照已超过有效期${l.validUntil ? `（有效期至 ${l.validUntil}）` : ''}。`;
  return null;
}

function Rows({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="case-kv">
      {rows.map(([k, v]) => (
        <div key={k} className="case-kv__row">
          <dt>{k}</dt>
          <dd>{v === null || v === undefined || v === '' ? '—' : v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The licence a case used for `materialName`, in a dialog; `licenceId` null: closed. */
export function CaseLicenceModal({ caseId, licenceId, materialName, onClose }: { caseId: string; licenceId: string | null; materialName: string; onClose: () => void }) {
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const licence = useCaseLicence(caseId, licenceId);
  const l = licence.data;
  const notFound = licence.error instanceof ApiError && licence.error.status === 404;
  const notValid = l ? notValidText(l) : null;
  return (
    <Modal
      open={Boolean(licenceId)}
      title={l ? `电子证照：${l.type}` : '电子证照'}
      onCancel={onClose}
      width={isMobile ? '100%' : 640}
      destroyOnHidden
      footer={<Button onClick={onClose}>关闭</Button>}
    >
      <p className="muted" style={{ marginTop: 0 }}>
        申请人以此电子证照代替材料「{materialName}」，免于提交。
      </p>
      {licence.isPending && (
        <p role="status" className="muted">
          正在查询证照…
        </p>
      )}
      {licence.isError && (
        <Alert
          type={notFound ? 'warning' : 'error'}
          showIcon
          role="alert"
          title={notFound ? '证照库中没有找到该证照' : `证照加载失败：${errorMessage(licence.error)}`}
          description={notFound ? '证照可能已被删除，或本件未使用该证照。请申请人提交纸质或扫描材料。' : undefined}
        />
      )}
      {l && (
        <>
          {notValid && <Alert type="error" showIcon title={notValid} description="该证照不能再代替申请材料，请申请人提交纸质或扫描材料。" style={{ marginBottom: 12 }} />}
          <Rows
            rows={[
              ['证照类型', l.type],
              ['状态', <LicenceStatusTag key="s" status={l.status} />],
              ['证照编号', <span key="n" className="nowrap">{l.number}</span>],
              [l.holderKind === 'org' ? '持证单位' : '持证人', l.holderName],
              // the holder's ID number, unless the licence's number is that number (居民身份证)
              ...(licenceTypeDef(l.type).personalNumber
                ? []
                : ([[l.holderKind === 'org' ? '统一社会信用代码' : '身份证号码', <span key="id" className="nowrap">{l.holderIdMasked}</span>]] as [string, ReactNode][])),
              ['发证机关', l.issuer],
              ['发证日期', l.issuedOn],
              ['有效期', validityText(l)],
              ...l.fields.map((f) => [f.label, f.value] as [string, ReactNode]),
              ...(l.caseNo ? ([['签发办件', `${l.itemName ?? ''} ${l.caseNo}`.trim()]] as [string, ReactNode][]) : []),
              ['证照来源', l.sourceLabel],
            ]}
          />
        </>
      )}
    </Modal>
  );
}
