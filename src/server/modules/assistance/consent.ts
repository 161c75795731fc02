/**
 * 代办授权 — the person's consent to a helper applying for them (issue 14 §3–§4). A helper applies
 * on someone's behalf (cases' intake channel `assist`) only from a help request assigned to them,
 * with a consent recorded on it first:
 *
 * - **SMS code**: the platform texts a 6-digit code to the person's phone (the help request's);
 *   the person reads it out to the helper, who types it in. 10 minutes, 5 wrong tries, a new code
 *   at most once a minute; a code is used once (typed in again: 409 AUTHORISATION_CODE_USED).
 * - **委托书**: the helper photographs the letter the person signed (a JPG, PNG or WebP, checked
 *   by its bytes); its photo is kept with the consent.
 *
 * A consent lasts 30 days and is used by one case. The cases module asks for it through its
 * AssistConsents port (implemented here by shape: this module imports nothing of cases): reserved
 * for the case before the case is written (a single guarded update, so two applications cannot
 * use one consent), released if the write fails, and recorded on the request once the case has its
 * number — a history row the person sees ("已为您申请…，办件编号…") with its audit entry. Every step
 * is audited with both parties: the helper as the actor, the person as `onBehalfOf`.
 */
import { randomInt } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, badRequest, conflict, forbidden, validationFailed } from '../../platform/errors.js';
import { iso, newId } from '../../platform/ids.js';
import type { StaffActor } from '../../platform/request.js';
import type { UploadedFile } from '../../platform/uploads.js';
import { HELP_AUTHORISATION, HELP_AUTHORISATION_METHODS, HELP_REQUEST_STATUSES, type HelpAuthorisationMethod, type HelpRequestStatus } from '../../../shared/assistance.js';
import { consentInForce, consentValidUntil, mayAuthorise, recordPhoto, requireImage } from './records.js';
import {
  authorisationsOf, countWrongCode, insertAuthorisation, latestSmsCode, updateAuthorisation,
  type HelpAuthorisationRow, type HelpRequestRow,
} from './repo.js';
import type { Access, AssistanceService } from './service.js';

/** A consent reserved for a case (what the cases module keeps on the case). */
export interface ConsentGrant {
  authorisationId: string;
  helpRequestId: string;
  requestNo: string;
  method: HelpAuthorisationMethod;
  methodLabel: string;
  /** when the person consented */
  at: string;
  /** a special-group flag is set on the request: 绿色通道 for the case */
  priority: boolean;
}

const notHelper = () => forbidden('只有被分派的帮办代办员可以办理代办授权');
const wrongStatus = (row: HelpRequestRow) =>
  conflict('HELP_REQUEST_WRONG_STATUS', row.status === 'assigned'
    ? '请先接单，再办理代办授权'
    : `该求助当前为「${HELP_REQUEST_STATUSES[row.status as HelpRequestStatus] ?? row.status}」，不能办理代办授权`, { status: row.status });
const codeUsed = () => conflict('AUTHORISATION_CODE_USED', '这个验证码已经用过了；如需再次代办，请重新发送验证码');

export class AssistConsents {
  constructor(private readonly deps: Pick<Deps, 'dbh' | 'clock' | 'files' | 'sms' | 'protector' | 'config'>, private readonly requests: AssistanceService) {}

  private get db() {
    return this.deps.dbh.db;
  }

  /** The request as its assigned helper sees it, while consent can be asked on it. */
  private async helperRequest(actor: StaffActor, id: string): Promise<Access> {
    const a = await this.requests.visible(actor, id);
    if (!a.roles.has('helper')) throw notHelper();
    if (!mayAuthorise(a.row.status)) throw wrongStatus(a.row);
    return a;
  }

  /** POST /help-requests/{id}/authorisation/sms: a code texted to the person's phone. */
  async sendCode(ctx: RequestContext, actor: StaffActor, id: string): Promise<{ sentTo: string; expiresAt: string; demoCode?: string }> {
    const { row } = await this.helperRequest(actor, id);
    const now = this.deps.clock.now();
    const latest = await latestSmsCode(this.db, id);
    if (latest) {
      const waited = (now.getTime() - new Date(latest.created_at).getTime()) / 1000;
      if (waited < HELP_AUTHORISATION.resendSeconds) {
        const wait = Math.ceil(HELP_AUTHORISATION.resendSeconds - waited);
        throw new AppError(429, 'SMS_TOO_FREQUENT', `验证码已发送，请 ${wait} 秒后再获取`, { retryAfterSeconds: wait });
      }
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = iso(new Date(now.getTime() + HELP_AUTHORISATION.codeMinutes * 60_000));
    const what = row.item_name ? `「${row.item_name}」` : '您求助的事项';
    await this.db.transaction().execute(async (tx) => {
      await insertAuthorisation(tx, {
        id: newId(), request_id: id, method: 'sms', helper_staff_id: actor.id, code_hash: this.codeHash(id, code), code_expires_at: expiresAt, attempts: 0,
        letter_file_id: null, confirmed_at: null, valid_until: null, case_id: null, case_no: null, item_name: null, used_at: null, created_at: iso(now),
      });
      await this.deps.sms.send(tx, {
        phone: this.deps.protector.decrypt(row.subject_phone_enc), template: 'assist_consent_code',
        body: `【${this.deps.config.siteName}】帮办代办员${actor.name}将代您申请${what}。如同意，请把验证码 ${code} 告诉帮办代办员（${HELP_AUTHORISATION.codeMinutes} 分钟内有效）；不同意请勿告诉任何人。帮办代办不收费。`,
      });
      await recordAudit(tx, ctx, {
        action: 'help_request.consent_code', entityType: 'help_request', entityId: id, regionCode: row.village_code,
        onBehalfOf: `求助人 ${row.subject_name_masked}`, summary: { requestNo: row.request_no, phone: row.subject_phone_masked },
      }, this.deps.clock);
    });
    return { sentTo: row.subject_phone_masked, expiresAt, ...(this.deps.config.demoMode ? { demoCode: code } : {}) };
  }

  private codeHash(requestId: string, code: string): string {
    return this.deps.protector.lookupHash(`help-consent:${requestId}:${code}`);
  }

  /** POST /help-requests/{id}/authorisation/sms/confirm: the code the person read out; right, it is their consent. */
  async confirmCode(ctx: RequestContext, actor: StaffActor, id: string, code: string) {
    await this.helperRequest(actor, id);
    const now = this.deps.clock.now();
    const latest = await latestSmsCode(this.db, id);
    if (!latest || latest.helper_staff_id !== actor.id) throw conflict('AUTHORISATION_CODE_MISSING', '请先发送验证码到求助人的手机');
    if (latest.confirmed_at !== null) throw codeUsed();
    if (latest.code_expires_at === null || latest.code_expires_at <= iso(now)) throw conflict('AUTHORISATION_CODE_EXPIRED', '验证码已过期，请重新发送');
    if (latest.attempts >= HELP_AUTHORISATION.maxAttempts) throw conflict('AUTHORISATION_CODE_LOCKED', '验证码输错次数过多，请重新发送');
    if (latest.code_hash !== this.codeHash(id, code)) {
      await countWrongCode(this.db, latest.id);
      const left = HELP_AUTHORISATION.maxAttempts - latest.attempts - 1;
      throw badRequest('AUTHORISATION_CODE_WRONG', left > 0 ? `验证码不正确，还可以再输 ${left} 次` : '验证码不正确，请重新发送', [{ field: 'code', message: '验证码不正确' }]);
    }
    return this.requests.change(ctx, actor, id, undefined, (a) => {
      if (!mayAuthorise(a.row.status)) throw wrongStatus(a.row);
      return {
        set: {},
        events: [{ action: 'authorise', note: `您已通过短信验证码同意帮办代办员 ${actor.name} 代为申请`, details: { method: 'sms', authorisationId: latest.id } }],
        audit: { action: 'help_request.authorise', summary: { method: 'sms', authorisationId: latest.id } },
        alongside: async (tx) => {
          const done = await updateAuthorisation(tx, latest.id, { confirmed_at: iso(now), valid_until: consentValidUntil(now) }, { unconfirmed: true });
          if (Number(done.numUpdatedRows) !== 1) throw codeUsed();
        },
      };
    });
  }

  /** POST /help-requests/{id}/authorisation/letter: the photo of the 委托书 the person signed (multipart `file`). */
  async letter(ctx: RequestContext, actor: StaffActor, id: string, upload: UploadedFile) {
    await this.helperRequest(actor, id);
    const image = requireImage(upload.data, '委托书照片');
    const stored = await this.deps.files.put(upload.data);
    const now = this.deps.clock.now();
    const authorisationId = newId();
    const fileId = newId();
    return this.requests.change(ctx, actor, id, undefined, (a) => {
      if (!mayAuthorise(a.row.status)) throw wrongStatus(a.row);
      return {
        set: {},
        events: [{ action: 'authorise', note: `帮办代办员 ${actor.name} 已收到您签字的委托书`, details: { method: 'letter', authorisationId } }],
        audit: { action: 'help_request.authorise', summary: { method: 'letter', authorisationId, fileId, mime: image.mime, size: upload.data.length } },
        alongside: async (tx, seq) => {
          await recordPhoto(tx, this.deps, { id: fileId, row: a.row, purpose: 'letter', image, size: upload.data.length, stored, by: actor.id, clientRef: null, eventSeq: seq });
          await insertAuthorisation(tx, {
            id: authorisationId, request_id: id, method: 'letter', helper_staff_id: actor.id, code_hash: null, code_expires_at: null, attempts: 0,
            letter_file_id: fileId, confirmed_at: iso(now), valid_until: consentValidUntil(now), case_id: null, case_no: null, item_name: null, used_at: null, created_at: iso(now),
          });
        },
      };
    });
  }

  // ───────────────────────── for the cases module (its AssistConsents port) ─────────────────────────

  /**
   * The consent in force on the helper's request, reserved for case `caseId` — or why not: no
   * consent (409 ASSIST_AUTHORISATION_REQUIRED), the applicant is not the person who consented
   * (400 on applicant.name), another application took it meanwhile (409 ASSIST_AUTHORISATION_USED).
   */
  async reserve(actor: StaffActor, helpRequestId: string, applicantName: string, caseId: string): Promise<ConsentGrant> {
    const { row } = await this.helperRequest(actor, helpRequestId);
    const now = iso(this.deps.clock.now());
    // The person agreed to this helper applying (the SMS named them; they took the letter): a request handed to another helper needs a new consent.
    const consent = (await authorisationsOf(this.db, helpRequestId)).find((c) => consentInForce(c, now) && c.helper_staff_id === actor.id);
    if (!consent) {
      throw conflict('ASSIST_AUTHORISATION_REQUIRED', `代为申请须先取得求助人的授权：请求助人告知短信验证码，或拍下其签字的委托书（求助 ${row.request_no}）`);
    }
    const person = this.deps.protector.decrypt(row.subject_name_enc);
    if (applicantName.trim() !== person.trim()) {
      throw validationFailed([{ field: 'applicant.name', message: `代办的申请人须是同意授权的求助人本人（${row.subject_name_masked}）` }], '申请人与授权的求助人不一致');
    }
    const done = await updateAuthorisation(this.db, consent.id, { case_id: caseId, used_at: now }, { unusedOrFor: null });
    if (Number(done.numUpdatedRows) !== 1) throw conflict('ASSIST_AUTHORISATION_USED', '这份授权刚被另一份申请使用；每份授权只能用于一次申请，请重新取得授权');
    return grantOf(consent, row);
  }

  /** The case could not be written: the consent is free again. */
  async release(grant: ConsentGrant, caseId: string): Promise<void> {
    await updateAuthorisation(this.db, grant.authorisationId, { case_id: null, used_at: null }, { unusedOrFor: caseId });
  }

  /** The case is in: its number on the consent, and a history row the person sees. */
  async used(ctx: RequestContext, actor: StaffActor, grant: ConsentGrant, c: { caseId: string; caseNo: string; itemName: string }): Promise<void> {
    // The case is written already: a change to the request at the same moment is waited out, not reported.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.recordUse(ctx, actor, grant, c);
        return;
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'HELP_REQUEST_CHANGED') || attempt >= 3) throw err;
      }
    }
  }

  private recordUse(ctx: RequestContext, actor: StaffActor, grant: ConsentGrant, c: { caseId: string; caseNo: string; itemName: string }) {
    return this.requests.change(ctx, actor, grant.helpRequestId, undefined, () => ({
      set: {},
      events: [{ action: 'apply', note: `帮办代办员已为您申请「${c.itemName}」，办件编号 ${c.caseNo}，可凭办件编号和手机号查询进度`, details: { caseId: c.caseId, caseNo: c.caseNo } }],
      audit: { action: 'help_request.apply', summary: { caseNo: c.caseNo, item: c.itemName, authorisation: grant.method } },
      alongside: async (tx) => {
        await updateAuthorisation(tx, grant.authorisationId, { case_no: c.caseNo, item_name: c.itemName }, { unusedOrFor: c.caseId });
      },
    }));
  }
}

function grantOf(c: HelpAuthorisationRow, row: HelpRequestRow): ConsentGrant {
  const method = c.method as HelpAuthorisationMethod;
  return {
    authorisationId: c.id, helpRequestId: row.id, requestNo: row.request_no, method, methodLabel: HELP_AUTHORISATION_METHODS[method] ?? c.method,
    at: c.confirmed_at ?? c.created_at, priority: row.priority === 1,
  };
}
