/**
 * 代为申请 from a help request (issue 14 §3): the intake page's account of whom the helper applies
 * for and the person's consent it uses — or, without a consent in force, what to do first. The
 * server refuses 代办 without one (409 ASSIST_AUTHORISATION_REQUIRED); this says so before the
 * helper fills in the form.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client.js';
import type { HelpRequestDetail } from '../../api/helpRequestsStaff.js';
import { chinaDateTime } from '../../dates.js';

/** The helper's phone workspace (its task pages are under it). */
export const HELPER_WORKSPACE_PATH = '/helper';
export const helperTaskPath = (id: string) => `${HELPER_WORKSPACE_PATH}/tasks/${encodeURIComponent(id)}`;

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="case-kv__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function AssistConsentCard({ request }: { request: UseQueryResult<HelpRequestDetail> }) {
  if (request.isPending) return <p role="status">正在加载帮办代办求助…</p>;
  if (request.isError) {
    return <Alert type="error" showIcon style={{ marginBottom: 16 }} title={`帮办代办求助没有加载成功：${errorMessage(request.error)}`} />;
  }
  const r = request.data;
  const consent = r.authorisation;
  return (
    <section className="card case-section" aria-labelledby="assist-consent">
      <h2 id="assist-consent">代办授权</h2>
      <dl className="case-kv">
        <Row term="帮办求助">
          <Link to={helperTaskPath(r.id)}>{r.requestNo}</Link>（{r.villageName}，{r.need}）
        </Row>
        <Row term="求助人">{r.subjectName}{r.priority ? `（${r.flags.map((f) => f.label).join('、')}，绿色通道）` : ''}</Row>
        {consent && (
          <Row term="授权方式">
            {consent.methodLabel}，{chinaDateTime(consent.at)} 同意，{chinaDateTime(consent.validUntil)} 前有效，用于一次申请
          </Row>
        )}
      </dl>
      {consent ? (
        <p className="muted" style={{ margin: 0 }}>办件将记录为帮办代办：申请人为求助人本人，代办人为您。申请人须是求助人本人。</p>
      ) : (
        <Alert
          type="warning"
          showIcon
          title="尚未取得求助人的授权，不能代为申请"
          description={
            <>
              请先在 <Link to={helperTaskPath(r.id)}>帮办工作台的这条求助</Link> 中，请求助人告知发到其手机的短信验证码，或拍下其签字的委托书；每份授权只能用于一次申请。
            </>
          }
        />
      )}
    </section>
  );
}
