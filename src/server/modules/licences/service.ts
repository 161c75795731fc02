/**
 * 电子证照 (issue 15): the citizen's wallet, 亮证 codes and their verification, the licences the
 * platform issues when a case is approved, their reuse in place of materials and 用证记录.
 *
 * Every licence the wallet shows is a row of the licences table: the platform's own (source
 * platform) and those mirrored from a licence library (sources.ts), refreshed whenever the holder
 * opens the wallet or a case asks for one. Validity is worked out when read (revoked, or past its
 * valid-until day in China), so revoking and expiry show everywhere at once.
 */
import type { KeyObject } from 'node:crypto';
import type { Deps } from '../../deps.js';
import type { DbOrTx, WriteQuery } from '../../db/index.js';
import type { Insertable } from 'kysely';
import type { LicenceTable, LicenceVerificationTable } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { chinaDate } from '../../platform/calendar.js';
import { preparedQuery } from '../../db/prepared.js';
import { GroupCommit } from '../../platform/group-commit.js';
import type { RequestContext } from '../../platform/context.js';
import { conflict, forbidden, notFound, validationFailed } from '../../platform/errors.js';
import { iso, newId } from '../../platform/ids.js';
import { can, scopePaths } from '../../platform/permissions.js';
import { publicLink } from '../../platform/public-url.js';
import type { CitizenActor, StaffActor } from '../../platform/request.js';
import {
  DISCLOSABLE_CORE, LICENCE_CODE_REASONS, LICENCE_CODE_TTL_SECONDS, LICENCE_SOURCES, LICENCE_STATUSES, licenceTypeDef, maskLicenceNumber,
  type LicenceCodeReason, type LicenceStatus,
} from '../../../shared/licences.js';
import { maskIdNumber, maskName } from '../../../shared/validators.js';
import {
  codeDigest, generateSigningKey, newNonce, parseCode, privateKeyFromPem, publicKeyFromRaw, sameDigest, shownLabels, signatureHolds, signCode, type CodePayload, type SigningKey,
} from './codes.js';
import type { ApprovedCase, LicenceUseNote } from '../cases/index.js';
import type { CaseMaterialsOf, ItemResults, LicenceHolders } from './ports.js';
import type { ExternalLicence, LicenceLibrary } from './sources.js';
import { loadQrCode } from '../../platform/heavy-libs.js';

type Row = LicenceTable;
type SignedIn = StaffActor | CitizenActor;

/** A library is asked again for the same person after this long (the wallet is opened often). */
const LIBRARY_REFRESH_MS = 60_000;
/** A library that does not answer in this long is reported as unavailable; the wallet shows what it last saw. */
const LIBRARY_TIMEOUT_MS = 5_000;

export const licenceNotFound = () => notFound('证照', 'LICENCE_NOT_FOUND');

// The cases module declares the ports this service implements (LicenceLookup, ResultLicences); their
// shapes are its, imported as types (the arrow runs from the implementer to the declarer).
export type { ApprovedCase, LicenceUseNote } from '../cases/index.js';

export interface LicenceParts {
  holders: LicenceHolders;
  items: ItemResults;
  caseMaterials: CaseMaterialsOf;
  libraries: readonly LicenceLibrary[];
}

/** How a case came in, as 用证记录 says who used the licence (the case's channel: pc, mobile and kiosk are the applicant online). */
const usedByKind = (channel: string): 'online' | 'window' | 'assist' => (channel === 'window' ? 'window' : channel === 'assist' ? 'assist' : 'online');
const USED_BY_LABELS = { online: () => '本人网上申请', window: (place: string) => `${place}窗口收件`, assist: (place: string) => `${place}帮办代办员代为申请` } as const;

/** What a check reads: the code's record (if the platform issued it) and the licence's state now. */
const codeAndLicenceState = preparedQuery<{ revoked_at: string | null; valid_until: string | null; digest: string | null }, [nonce: string, licenceId: string]>((db, slot) =>
  db.selectFrom('licences')
    .leftJoin('licence_codes', (join) => join.on('licence_codes.nonce', '=', slot(0)).onRef('licence_codes.licence_id', '=', 'licences.id'))
    .select(['licences.revoked_at', 'licences.valid_until', 'licence_codes.digest'])
    .where('licences.id', '=', slot(1)));

export class LicenceService {
  private readonly db;
  private keys: Promise<{ current: SigningKey; publics: Map<string, KeyObject> }> | undefined;
  /** holder ID hash → when the libraries were last asked (per process: a second instance asks again, which is harmless) */
  private readonly refreshedAt = new Map<string, number>();
  private codesClearedAt = Number.NEGATIVE_INFINITY;

  /**
   * The first check of each code, recorded in groups: checks that arrive together share one insert
   * (and one commit); each learns whether its code was recorded now or before (a replay).
   */
  private readonly checks = new GroupCommit<Insertable<LicenceVerificationTable>, boolean>((rows) => this.recordChecks(rows), { maxBatch: 500 });

  constructor(private readonly deps: Deps, private readonly parts: LicenceParts) {
    this.db = deps.dbh.db;
  }

  /** One insert of a batch of checks: true for each code recorded now, false for one recorded before (or earlier in the batch). */
  private async recordChecks(rows: readonly Insertable<LicenceVerificationTable>[]): Promise<boolean[]> {
    const firstOf = new Map<string, number>();
    rows.forEach((r, i) => {
      if (!firstOf.has(r.nonce)) firstOf.set(r.nonce, i);
    });
    const unique = [...firstOf.values()].map((i) => rows[i]!);
    const recorded = await this.db.insertInto('licence_verifications').values(unique).onConflict((oc) => oc.column('nonce').doNothing()).returning('nonce').execute();
    const now = new Set(recorded.map((r) => r.nonce));
    return rows.map((r, i) => now.has(r.nonce) && firstOf.get(r.nonce) === i);
  }

  get libraryConnected(): boolean {
    return this.parts.libraries.length > 0;
  }

  // ───────────────────────── wallet ─────────────────────────

  async wallet(actor: CitizenActor) {
    const person = await this.person(actor);
    // licences are found by the holder's ID number: without one on file there is nothing to find them by
    if (!person) return { items: [], sources: [], idNumberOnFile: false };
    const sources = await this.refresh(person, true);
    const rows = await this.heldRows(person.idHash);
    return { items: rows.map((r) => this.summary(r)), sources, idNumberOnFile: true };
  }

  async detail(actor: CitizenActor, id: string) {
    const row = await this.ownRow(actor, id);
    const uses = await this.usesOf([row]);
    return { ...this.full(row), uses };
  }

  async uses(actor: CitizenActor) {
    const person = await this.person(actor);
    if (!person) return { items: [] };
    return { items: await this.usesOf(await this.heldRows(person.idHash)) };
  }

  /** 亮证: a code the verifier checks, showing what the holder chose. */
  async show(actor: CitizenActor, id: string, chosen: readonly string[]) {
    const row = await this.ownRow(actor, id);
    const state = this.statusOf(row);
    if (state !== 'valid') throw conflict('LICENCE_NOT_VALID', `证照${LICENCE_STATUSES[state]}，不能亮证`);
    const disclosable = this.disclosable(row);
    const unknown = chosen.filter((k) => !disclosable.some((d) => d.key === k));
    if (unknown.length) throw validationFailed(unknown.map((k) => ({ field: 'fields', message: `没有可出示的项目「${k}」` })));
    const { current } = await this.signingKeys();
    const fields = this.fieldsOf(row);
    const now = Math.floor(this.deps.clock.now().getTime() / 1000);
    const number = this.deps.protector.decrypt(row.number_enc);
    const payload: CodePayload = {
      kid: current.kid, lid: row.id, n: newNonce(), iat: now, exp: now + LICENCE_CODE_TTL_SECONDS,
      t: row.type_name, hm: maskName(row.holder_name), num: chosen.includes('number') ? number : maskLicenceNumber(number),
      iss: row.issuer, io: row.issued_on, vu: row.valid_until,
      ...(chosen.includes('holderName') ? { hn: row.holder_name } : {}),
      ...(chosen.includes('number') ? { nf: true as const } : {}),
      f: fields.filter((f) => chosen.includes(f.key)).map((f) => [f.label, f.value]),
    };
    const token = signCode(payload, current);
    await this.rememberCode(payload, token);
    const verifyUrl = publicLink(this.deps.config.publicUrl, `/verify?token=${encodeURIComponent(token)}`);
    const qrSvg = await (await loadQrCode()).toString(verifyUrl, { type: 'svg', errorCorrectionLevel: 'L', margin: 2 });
    return { token, expiresAt: iso(new Date(payload.exp * 1000)), verifyUrl, qrSvg, shown: shownLabels(payload, DISCLOSABLE_CORE) };
  }

  /** Keeps the code's digest until it expires, so the online check knows its own codes (and clears the expired ones, once a minute at most). */
  private async rememberCode(payload: CodePayload, token: string) {
    const nowMs = this.deps.clock.now().getTime();
    if (nowMs - this.codesClearedAt >= 60_000) {
      this.codesClearedAt = nowMs;
      await this.db.deleteFrom('licence_codes').where('expires_at', '<', iso(new Date(nowMs))).execute();
    }
    await this.db.insertInto('licence_codes').values({ nonce: payload.n, licence_id: payload.lid, digest: codeDigest(token), expires_at: iso(new Date(payload.exp * 1000)) }).execute();
  }

  // ───────────────────────── verification ─────────────────────────

  /**
   * Checks a 亮证 code: its form and signature, its five minutes, the licence's state now, and that
   * it was not checked before (the first check records the code; a second is a replay).
   */
  async verify(token: string) {
    const now = this.deps.clock.now();
    const checkedAt = iso(now);
    const refuse = (reason: LicenceCodeReason) => ({ valid: false, reason, message: LICENCE_CODE_REASONS[reason], checkedAt });
    const code = parseCode(token);
    if (!code) return refuse('malformed');
    const p = code.payload;
    const [row] = (await this.db.executeQuery(codeAndLicenceState(this.db, p.n, p.lid))).rows;
    // A code the platform issued proves itself by its digest; any other must carry a good signature.
    if (!(row?.digest && sameDigest(row.digest, codeDigest(token)))) {
      const key = (await this.signingKeys()).publics.get(p.kid);
      if (!key) return refuse('unknown_key');
      if (!signatureHolds(code, key)) return refuse('bad_signature');
    }
    if (Math.floor(now.getTime() / 1000) >= p.exp) return refuse('expired');
    if (!row) return refuse('not_found');
    if (row.revoked_at) return refuse('revoked');
    if (row.valid_until !== null && row.valid_until < this.today()) return refuse('licence_expired');
    const first = await this.checks.write({ nonce: p.n, licence_id: p.lid, shown: JSON.stringify(shownLabels(p, DISCLOSABLE_CORE)), verified_at: checkedAt });
    if (!first) return refuse('replayed');
    return {
      valid: true, message: '核验通过：本平台签发的有效证照', checkedAt,
      licence: {
        type: p.t, holderMasked: p.hm, number: p.num, issuer: p.iss, validUntil: p.vu, issuedOn: p.io, status: 'valid' as const,
        ...(p.hn !== undefined ? { holderName: p.hn } : {}),
        fields: p.f.map(([label, value]) => ({ label, value })), shownAt: iso(new Date(p.iat * 1000)),
      },
    };
  }

  /** The public keys codes are signed with (current and retired), for checking codes offline. */
  async publicKeys() {
    await this.signingKeys();
    const rows = await this.db.selectFrom('licence_signing_keys').select(['kid', 'public_key', 'created_at', 'retired_at']).orderBy('created_at').execute();
    return {
      algorithm: 'Ed25519' as const,
      format: 'BML1.<payload>.<signature>：payload 为 JSON 的 base64url（kid 密钥编号、lid 证照、n 随机码、iat/exp 签发与失效时间（Unix 秒）、t 类型、hm 持证人（脱敏）、num 编号、iss 发证机关、io 发证日期、vu 有效期至、hn 持证人姓名（持证人选择出示时）、nf 为 true 时 num 为完整编号、f 出示的其他项目 [名称, 内容]）；signature 为对 ASCII 字符串 "BML1.<payload>" 的 Ed25519 签名（base64url）。离线核验只能确认签名和有效时间，证照是否已注销、此码是否已用过需联网核验。',
      keys: rows.map((r) => ({
        kid: r.kid, publicKey: r.public_key, jwk: { kty: 'OKP' as const, crv: 'Ed25519' as const, x: r.public_key, kid: r.kid }, createdAt: r.created_at, retiredAt: r.retired_at,
      })),
    };
  }

  // ───────────────────────── reuse (the cases module's LicenceLookup) ─────────────────────────

  /** A valid licence of this type held by this person or organisation (the libraries asked first), by the ID number in clear. */
  async find(holderIdNumber: string, licenceType: string): Promise<{ ref: string } | null> {
    const idHash = this.deps.protector.lookupHash(holderIdNumber);
    await this.refresh({ idNumber: holderIdNumber, idHash, name: '' }, false);
    const rows = await this.db.selectFrom('licences').selectAll().where('holder_id_hash', '=', idHash).where('type_name', '=', licenceType).where('revoked_at', 'is', null).execute();
    const valid = rows.filter((r) => this.statusOf(r) === 'valid').sort((a, b) => b.issued_on.localeCompare(a.issued_on));
    return valid[0] ? { ref: valid[0].id } : null;
  }

  /** 用证记录: the uses of a case's licences, as one insert on the caller's handle (its transaction or guarded statement). */
  useWrite(db: DbOrTx, uses: readonly LicenceUseNote[]): WriteQuery | null {
    if (!uses.length) return null;
    const at = iso(this.deps.clock.now());
    return db.insertInto('licence_uses').values(uses.map((u) => ({
      id: newId(), licence_id: u.licenceRef, case_id: u.caseId, case_no: u.caseNo, item_name: u.itemName, material_name: u.materialName,
      used_by: usedByKind(u.channel), place_code: u.placeCode, at,
    })));
  }

  // ───────────────────────── issuing (the cases module's ResultLicences) ─────────────────────────

  /**
   * Asked before an approval's transaction: the licences its item's results (办理结果 of type 证照)
   * make, as a write for the transaction. Null when the item's results are no licence.
   */
  async prepareIssue(approved: ApprovedCase): Promise<((tx: DbOrTx, ctx: RequestContext) => Promise<void>) | null> {
    const guide = await this.parts.items.guide(approved.itemCode, approved.regionCode);
    const names = [...new Set(guide.results.filter((r) => r.type === '证照').map((r) => r.name))];
    if (!names.length) return null;
    const now = iso(this.deps.clock.now());
    const { protector } = this.deps;
    const holderIdHash = protector.lookupHash(approved.applicant.idNumber);
    const rows = names.map((name, i) => {
      const number = names.length > 1 ? `${approved.caseNo}-${i + 1}` : approved.caseNo;
      return {
        id: newId(), type_name: name, number_enc: protector.encrypt(number), number_hash: protector.lookupHash(number), number_masked: maskLicenceNumber(number),
        holder_kind: approved.applicant.kind, holder_name: approved.applicant.name, holder_id_hash: holderIdHash,
        holder_id_masked: approved.applicant.kind === 'person' ? maskIdNumber(approved.applicant.idNumber) : maskLicenceNumber(approved.applicant.idNumber),
        legal_rep_id_hash: approved.legalRepIdNumber ? protector.lookupHash(approved.legalRepIdNumber) : null,
        issuer: guide.implementingBody, issuer_region_code: approved.regionCode,
        issued_on: approved.decidedOn, valid_from: approved.decidedOn, valid_until: null,
        revoked_at: null, revoked_reason: null, revoked_by: null,
        source: 'platform', source_ref: `${approved.caseId}:${name}`, case_id: approved.caseId, case_no: approved.caseNo, item_name: approved.itemName,
        fields: '{}', created_at: now, updated_at: now,
      } satisfies Row;
    });
    return async (tx, ctx) => {
      await tx.insertInto('licences').values(rows).onConflict((oc) => oc.columns(['source', 'source_ref']).doNothing()).execute();
      for (const r of rows) {
        await recordAudit(tx, ctx, {
          action: 'licence.issue', entityType: 'licence', entityId: r.id, regionCode: approved.regionCode,
          summary: { type: r.type_name, number: r.number_masked, caseNo: approved.caseNo, holder: maskName(r.holder_name) },
        }, this.deps.clock);
      }
    };
  }

  // ───────────────────────── staff ─────────────────────────

  /** A licence a case used, for staff who may see the case. */
  async forCase(ctx: RequestContext, actor: SignedIn, caseId: string, licenceId: string) {
    const c = await this.parts.caseMaterials(actor, caseId);
    if (!c.materials.some((m) => m.licenceRef === licenceId)) throw licenceNotFound();
    const row = await this.db.selectFrom('licences').selectAll().where('id', '=', licenceId).executeTakeFirst();
    if (!row) throw licenceNotFound();
    if (actor.kind === 'staff') {
      await this.db.transaction().execute((tx) => recordAudit(tx, ctx, {
        action: 'licence.view', entityType: 'licence', entityId: row.id, regionCode: row.issuer_region_code,
        summary: { type: row.type_name, number: row.number_masked, caseNo: c.caseNo },
      }, this.deps.clock));
    }
    const uses = (await this.usesOf([row])).filter((u) => u.kind === 'case' && u.caseNo === c.caseNo);
    return { ...this.full(row), uses };
  }

  /** The licences the platform issued in the staff member's area (case.view). */
  async issued(actor: StaffActor, q: { region?: string; status?: LicenceStatus; q?: string; page: number; pageSize: number }) {
    const paths = scopePaths(actor, 'case.view');
    if (!paths.length) return { total: 0, items: [] };
    let codes: string[] | null = null;
    if (q.region) {
      const region = await this.deps.regions.require(q.region, 'region');
      codes = (await this.deps.regions.subtree(region.code)).map((r) => r.code);
    }
    const inScope = new Set<string>();
    for (const p of paths) {
      const code = p.split('/').filter(Boolean).at(-1);
      if (code) for (const r of await this.deps.regions.subtree(code)) inScope.add(r.code);
    }
    const allowed = [...inScope].filter((c) => !codes || codes.includes(c));
    if (!allowed.length) return { total: 0, items: [] };
    const today = this.today();
    let query = this.db.selectFrom('licences').where('source', '=', 'platform').where('issuer_region_code', 'in', allowed);
    if (q.status === 'revoked') query = query.where('revoked_at', 'is not', null);
    if (q.status === 'valid') query = query.where('revoked_at', 'is', null).where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', today)]));
    if (q.status === 'expired') query = query.where('revoked_at', 'is', null).where('valid_until', '<', today);
    if (q.q) {
      const text = q.q.trim();
      query = query.where((eb) => eb.or([eb('type_name', 'like', `%${text}%`), eb('holder_name', 'like', `%${text}%`), eb('case_no', '=', text), eb('number_hash', '=', this.deps.protector.lookupHash(text))]));
    }
    const total = Number((await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await query.selectAll().orderBy('issued_on', 'desc').orderBy('id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    return { total, items: await Promise.all(rows.map((r) => this.issuedView(actor, r))) };
  }

  async revoke(ctx: RequestContext, actor: StaffActor, id: string, reason: string) {
    const row = await this.db.selectFrom('licences').selectAll().where('id', '=', id).where('source', '=', 'platform').executeTakeFirst();
    if (!row || !(await this.mayView(actor, row))) throw licenceNotFound();
    if (!(await this.mayRevoke(actor, row))) throw forbidden('只有发证地的审批人员可以注销证照');
    if (row.revoked_at) throw conflict('LICENCE_NOT_VALID', '证照已注销');
    const now = iso(this.deps.clock.now());
    await this.db.transaction().execute(async (tx) => {
      const done = await tx.updateTable('licences').set({ revoked_at: now, revoked_reason: reason, revoked_by: actor.id, updated_at: now })
        .where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw conflict('LICENCE_NOT_VALID', '证照已注销');
      await recordAudit(tx, ctx, {
        action: 'licence.revoke', entityType: 'licence', entityId: id, regionCode: row.issuer_region_code,
        summary: { type: row.type_name, number: row.number_masked, caseNo: row.case_no, reason: reason.slice(0, 200) },
      }, this.deps.clock);
    });
    const after = await this.db.selectFrom('licences').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return this.issuedView(actor, after);
  }

  // ───────────────────────── internals ─────────────────────────

  private today(): string {
    return chinaDate(this.deps.clock.now());
  }

  private statusOf(row: Pick<Row, 'revoked_at' | 'valid_until'>): LicenceStatus {
    if (row.revoked_at) return 'revoked';
    if (row.valid_until !== null && row.valid_until < this.today()) return 'expired';
    return 'valid';
  }

  private summary(row: Row) {
    const status = this.statusOf(row);
    const def = licenceTypeDef(row.type_name);
    const source = row.source as keyof typeof LICENCE_SOURCES;
    return {
      id: row.id, type: row.type_name,
      number: def.personalNumber ? row.number_masked : this.deps.protector.decrypt(row.number_enc),
      holderName: row.holder_name, holderKind: row.holder_kind as 'person' | 'org', issuer: row.issuer,
      issuedOn: row.issued_on, validFrom: row.valid_from, validUntil: row.valid_until,
      status, statusLabel: LICENCE_STATUSES[status], source, sourceLabel: LICENCE_SOURCES[source] ?? row.source,
    };
  }

  private fieldsOf(row: Row): { key: string; label: string; value: string }[] {
    const values = JSON.parse(row.fields) as Record<string, string>;
    const def = licenceTypeDef(row.type_name);
    const known = def.fields.filter((f) => values[f.key]).map((f) => ({ key: f.key, label: f.label, value: values[f.key]! }));
    const other = Object.entries(values).filter(([k]) => !def.fields.some((f) => f.key === k)).map(([key, value]) => ({ key, label: key, value }));
    return [...known, ...other];
  }

  private disclosable(row: Row) {
    return [
      { key: 'holderName', label: DISCLOSABLE_CORE.holderName },
      { key: 'number', label: DISCLOSABLE_CORE.number },
      ...this.fieldsOf(row).map((f) => ({ key: f.key, label: f.label })),
    ];
  }

  private full(row: Row) {
    return {
      ...this.summary(row),
      number: this.deps.protector.decrypt(row.number_enc),
      holderIdMasked: row.holder_id_masked,
      fields: this.fieldsOf(row),
      caseNo: row.case_no, itemName: row.item_name,
      revokedAt: row.revoked_at, revokedReason: row.revoked_reason,
      disclosable: this.disclosable(row),
    };
  }

  private async usesOf(rows: readonly Row[]) {
    if (!rows.length) return [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ids = [...byId.keys()];
    const caseUses = await this.db.selectFrom('licence_uses').selectAll().where('licence_id', 'in', ids).orderBy('at', 'desc').limit(200).execute();
    const checks = await this.db.selectFrom('licence_verifications').selectAll().where('licence_id', 'in', ids).orderBy('verified_at', 'desc').limit(200).execute();
    const places = new Map<string, string>();
    for (const code of new Set(caseUses.flatMap((u) => (u.place_code ? [u.place_code] : [])))) {
      const region = await this.deps.regions.get(code);
      places.set(code, region?.shortName ?? '');
    }
    const by = (u: (typeof caseUses)[number]) => {
      const kind = (u.used_by in USED_BY_LABELS ? u.used_by : 'window') as keyof typeof USED_BY_LABELS;
      return USED_BY_LABELS[kind](u.place_code ? (places.get(u.place_code) ?? '') : '');
    };
    return [
      ...caseUses.map((u) => ({
        kind: 'case' as const, at: u.at, licenceId: u.licence_id, licenceType: byId.get(u.licence_id)!.type_name,
        caseNo: u.case_no, itemName: u.item_name, materialName: u.material_name, by: by(u), shown: [],
      })),
      ...checks.map((v) => ({
        kind: 'verify' as const, at: v.verified_at, licenceId: v.licence_id, licenceType: byId.get(v.licence_id)!.type_name,
        caseNo: null, itemName: null, materialName: null, by: '亮证后被扫码核验', shown: JSON.parse(v.shown) as string[],
      })),
    ].sort((a, b) => b.at.localeCompare(a.at));
  }

  private async person(actor: CitizenActor): Promise<{ idNumber: string; idHash: string; name: string } | null> {
    const profile = await this.parts.holders.profile(actor.id);
    if (!profile?.idNumber) return null;
    return { idNumber: profile.idNumber, idHash: this.deps.protector.lookupHash(profile.idNumber), name: profile.name ?? '' };
  }

  private heldRows(idHash: string) {
    return this.db.selectFrom('licences').selectAll()
      .where((eb) => eb.or([eb('holder_id_hash', '=', idHash), eb('legal_rep_id_hash', '=', idHash)]))
      .orderBy('issued_on', 'desc').orderBy('id').execute();
  }

  private async ownRow(actor: CitizenActor, id: string): Promise<Row> {
    const person = await this.person(actor);
    const row = person ? await this.db.selectFrom('licences').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (!row || !person || (row.holder_id_hash !== person.idHash && row.legal_rep_id_hash !== person.idHash)) throw licenceNotFound();
    return row;
  }

  /** Asks each library for the person's licences and mirrors them; `force` ignores the refresh interval. */
  private async refresh(person: { idNumber: string; idHash: string; name: string }, force: boolean) {
    const sources = [];
    const last = this.refreshedAt.get(person.idHash);
    const now = this.deps.clock.now().getTime();
    const due = force || last === undefined || now - last > LIBRARY_REFRESH_MS;
    for (const library of this.parts.libraries) {
      const label = LICENCE_SOURCES[library.name];
      if (!due) { sources.push({ name: library.name, label, ok: true, message: null }); continue; }
      let found: ExternalLicence[];
      try {
        found = await withTimeout(library.licencesOf({ idNumber: person.idNumber, name: person.name }), LIBRARY_TIMEOUT_MS);
      } catch (err) {
        this.deps.log.warn({ err, library: library.name }, 'licence library unavailable');
        sources.push({ name: library.name, label, ok: false, message: `${label}暂时无法访问，显示的是上次获取的证照` });
        continue;
      }
      // a failure to write the answer is ours, not the library's: it goes up as an error
      await this.mirror(library.name, person, found);
      sources.push({ name: library.name, label, ok: true, message: null });
    }
    if (due) this.refreshedAt.set(person.idHash, now);
    return sources;
  }

  /** Writes a library's answer for a person: new and changed licences, and revokes those it no longer lists. */
  private async mirror(source: string, person: { idHash: string }, found: readonly ExternalLicence[]) {
    const { protector } = this.deps;
    const now = iso(this.deps.clock.now());
    await this.db.transaction().execute(async (tx) => {
      for (const l of found) {
        const values = {
          type_name: l.type, number_enc: protector.encrypt(l.number), number_hash: protector.lookupHash(l.number), number_masked: maskLicenceNumber(l.number),
          holder_kind: l.holderKind, holder_name: l.holderName, holder_id_hash: protector.lookupHash(l.holderId),
          holder_id_masked: l.holderKind === 'person' ? maskIdNumber(l.holderId) : maskLicenceNumber(l.holderId),
          legal_rep_id_hash: l.legalRepId ? protector.lookupHash(l.legalRepId) : null,
          issuer: l.issuer, issued_on: l.issuedOn, valid_from: l.validFrom, valid_until: l.validUntil, fields: JSON.stringify(l.fields),
          revoked_at: l.revoked ? now : null, revoked_reason: l.revoked ? '发证机关已注销' : null, updated_at: now,
        };
        const existing = await tx.selectFrom('licences').select(['id', 'revoked_at']).where('source', '=', source).where('source_ref', '=', l.sourceRef).executeTakeFirst();
        if (existing) {
          await tx.updateTable('licences').set({ ...values, revoked_at: l.revoked ? (existing.revoked_at ?? now) : null }).where('id', '=', existing.id).execute();
        } else {
          await tx.insertInto('licences').values({
            id: newId(), ...values, issuer_region_code: null, revoked_by: null, source, source_ref: l.sourceRef,
            case_id: null, case_no: null, item_name: null, created_at: now,
          }).execute();
        }
      }
      // what the library no longer lists for this person is no longer valid
      const listed = found.map((l) => l.sourceRef);
      let gone = tx.updateTable('licences').set({ revoked_at: now, revoked_reason: '证照库中已无此证照', updated_at: now })
        .where('source', '=', source).where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('holder_id_hash', '=', person.idHash), eb('legal_rep_id_hash', '=', person.idHash)]));
      if (listed.length) gone = gone.where('source_ref', 'not in', listed);
      await gone.execute();
    });
  }

  private async signingKeys() {
    this.keys ??= this.loadKeys().catch((err: unknown) => {
      this.keys = undefined;
      throw err;
    });
    return this.keys;
  }

  private async loadKeys() {
    const read = () => this.db.selectFrom('licence_signing_keys').selectAll().orderBy('created_at').execute();
    let rows = await read();
    if (!rows.some((r) => r.retired_at === null)) {
      const { publicKey, privateKeyPem } = generateSigningKey();
      // another instance may create one at the same moment: the first stays, both read it back
      await this.db.insertInto('licence_signing_keys').values({
        kid: `k${publicKey.slice(0, 10)}`, public_key: publicKey, private_key_enc: this.deps.protector.encrypt(privateKeyPem), created_at: iso(this.deps.clock.now()), retired_at: null,
      }).onConflict((oc) => oc.column('kid').doNothing()).execute();
      rows = await read();
    }
    const current = rows.find((r) => r.retired_at === null)!;
    return {
      current: { kid: current.kid, privateKey: privateKeyFromPem(this.deps.protector.decrypt(current.private_key_enc)) },
      publics: new Map(rows.map((r) => [r.kid, publicKeyFromRaw(r.public_key)])),
    };
  }

  private async mayView(actor: StaffActor, row: Row): Promise<boolean> {
    if (!row.issuer_region_code) return false;
    const region = await this.deps.regions.get(row.issuer_region_code);
    return Boolean(region) && can(actor, 'case.view', this.deps.regions.ref(region!));
  }

  private async mayRevoke(actor: StaffActor, row: Row): Promise<boolean> {
    if (!row.issuer_region_code || row.source !== 'platform') return false;
    const region = await this.deps.regions.get(row.issuer_region_code);
    return Boolean(region) && can(actor, 'case.decide', this.deps.regions.ref(region!));
  }

  private async issuedView(actor: StaffActor, row: Row) {
    return {
      ...this.summary(row),
      number: this.deps.protector.decrypt(row.number_enc),
      holderIdMasked: row.holder_id_masked,
      caseId: row.case_id, caseNo: row.case_no, itemName: row.item_name, issuerRegionCode: row.issuer_region_code,
      revokedAt: row.revoked_at, revokedReason: row.revoked_reason,
      canRevoke: !row.revoked_at && (await this.mayRevoke(actor, row)),
    };
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`licence library did not answer in ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
