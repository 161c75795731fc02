/**
 * Application forms per item (form designer), auto-saved drafts and 历史数据自动填充.
 *
 * A form belongs to a row of the guidance catalog (one 办理项) and is used wherever the item is
 * offered. Saving is version-guarded and audited. Drafts are personal scratch space: one per
 * applicant, item and place, encrypted at rest because they may hold ID numbers.
 */
import type { DbOrTx, WriteQuery } from '../../db/index.js';
import type { Deps } from '../../deps.js';
import type { DataProtector } from '../../platform/crypto.js';
import { recordAudit } from '../../platform/audit.js';
import { chinaDate } from '../../platform/calendar.js';
import type { RequestContext } from '../../platform/context.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { iso, newId } from '../../platform/ids.js';
import { canAtTop, type Actor } from '../../platform/permissions.js';
import type { CitizenActor, StaffActor } from '../../platform/request.js';
import { applicantRow, EMPTY_FORM, storedFormDefinitionSchema, tableRowWords, type FormDefinition, type FormField, type FormValue } from '../../../shared/forms.js';
import { requireOnlineApplication, type PublicCatalog } from '../catalog/index.js';
// installs RE2 for format rules before any form is checked in this process (cases import this service)
import './patterns.js';
import type { ApplicantProfiles, PastApplications } from './ports.js';
import { deleteDraft, deleteDraftsQuery, findDraft, findItemForm, listDrafts, listItemForms } from './repo.js';
import { draftData, type DraftData, type FormSettingsInput } from './schemas.js';

export interface ItemFormSettings {
  itemCode: string;
  itemName: string;
  definition: FormDefinition;
  preReviewOnline: boolean;
  decidedBy: 'approver' | 'window_clerk';
  version: number;
  configured: boolean;
  updatedAt: string | null;
}

type SignedIn = StaffActor | CitizenActor;

/** Whose draft, for what and where: a draft's key (one per applicant × item × place). */
export interface DraftOf {
  owner: Pick<SignedIn, 'kind' | 'id'>;
  itemCode: string;
  regionCode: string;
}

/** What prefill reads from other modules (ports declared in ports.ts; the composition root wires them). */
export interface PrefillSources {
  /** citizen accounts (the auth module's) */
  profiles: ApplicantProfiles;
  /** earlier applications (the cases module's) */
  applications: PastApplications;
}

/** How many of the citizen's latest applications prefill looks through for `previous` answers. */
const PREVIOUS_APPLICATIONS = 20;

/**
 * Form answers may hold ID numbers and phones (members' tables, contacts), so a case's answers are
 * stored encrypted. Rows written before encryption hold plain JSON and are read as such.
 */
export function sealFormData(protector: DataProtector, values: Record<string, unknown>): string {
  return protector.encrypt(JSON.stringify(values));
}
export function openFormData(protector: DataProtector, stored: string): Record<string, FormValue> {
  return JSON.parse(stored.startsWith('{') ? stored : protector.decrypt(stored)) as Record<string, FormValue>;
}
const ownerKey = (owner: Pick<SignedIn, 'kind' | 'id'>) => `${owner.kind}:${owner.id}`;

/**
 * Parsed form definitions by their stored text: a submission reads its item's row each time (so a
 * saved change applies at once) but checking the same text again would find nothing new.
 */
const parsedDefinitions = new Map<string, FormDefinition>();
function parseDefinition(text: string): FormDefinition {
  let definition = parsedDefinitions.get(text);
  if (!definition) {
    // stored, not designer, rules: a form saved under older format-rule limits must still load
    definition = storedFormDefinitionSchema.parse(JSON.parse(text));
    if (parsedDefinitions.size >= 500) parsedDefinitions.delete(parsedDefinitions.keys().next().value!);
    parsedDefinitions.set(text, definition);
  }
  return definition;
}

/**
 * Settings read by submissions, kept for a few seconds per database: every submission needs its
 * item's form, and the row (with the whole definition) is the largest read of a submission. A
 * save here drops the entry at once; another server process sees a saved change within
 * SETTINGS_TTL_MS (a submission in between is checked against, and keeps, the form it was filled in).
 */
const SETTINGS_TTL_MS = 5000;

export class ItemFormService {
  /** Settings read by submissions (see SETTINGS_TTL_MS); one service per process, built by the composition root. */
  private readonly cache = new Map<string, { at: number; settings: Promise<ItemFormSettings> }>();

  constructor(
    private readonly deps: Deps,
    private readonly catalog: PublicCatalog,
    private readonly prefillSources: PrefillSources,
  ) {}

  private get db() {
    return this.deps.dbh.db;
  }

  /** The settings a submission is checked against: at most SETTINGS_TTL_MS old (see SETTINGS_TTL_MS). */
  recentSettings(itemCode: string): Promise<ItemFormSettings> {
    const now = Date.now();
    const hit = this.cache.get(itemCode);
    if (hit && now - hit.at < SETTINGS_TTL_MS) return hit.settings;
    const settings = this.settings(itemCode);
    this.cache.set(itemCode, { at: now, settings });
    settings.catch(() => this.cache.delete(itemCode));
    return settings;
  }

  /** The item's form and workflow settings; an item nobody has configured gets an empty form. */
  async settings(itemCode: string): Promise<ItemFormSettings> {
    const row = await findItemForm(this.db, itemCode);
    if (row) {
      return {
        itemCode, itemName: row.item_name, definition: parseDefinition(row.definition),
        preReviewOnline: row.pre_review_online === 1, decidedBy: row.decided_by, version: row.version, configured: true, updatedAt: row.updated_at,
      };
    }
    const guide = await this.catalog.guide(itemCode);
    return { itemCode, itemName: guide.name, definition: EMPTY_FORM, preReviewOnline: true, decidedBy: 'approver', version: 0, configured: false, updatedAt: null };
  }

  private async requireDesigner(actor: Actor): Promise<void> {
    if (!(await canAtTop(actor, 'catalog.manage', this.deps.regions))) throw forbidden('只有市级管理员可以设计申请表单');
  }

  async list(actor: Actor) {
    await this.requireDesigner(actor);
    const rows = await listItemForms(this.db);
    return {
      items: rows.map((r) => ({
        itemCode: r.item_code, itemName: r.item_name, fieldCount: (JSON.parse(r.definition) as FormDefinition).fields.length, version: r.version, updatedAt: r.updated_at,
      })),
    };
  }

  async save(ctx: RequestContext, actor: Actor, itemCode: string, input: FormSettingsInput): Promise<ItemFormSettings> {
    await this.requireDesigner(actor);
    const guide = await this.catalog.guide(itemCode);
    const now = iso(this.deps.clock.now());
    const nextVersion = input.version + 1;
    await this.db.transaction().execute(async (tx) => {
      const current = await findItemForm(tx, itemCode);
      if ((current?.version ?? 0) !== input.version) throw conflict('FORM_CHANGED', '表单已被他人修改，请刷新后再保存');
      const values = {
        item_name: guide.name, definition: JSON.stringify(input.definition), pre_review_online: input.preReviewOnline ? 1 : 0, decided_by: input.decidedBy,
        version: nextVersion, updated_at: now, updated_by: actor.kind === 'staff' ? actor.id : null,
      };
      if (current) {
        const updated = await tx.updateTable('item_forms').set(values).where('item_code', '=', itemCode).where('version', '=', input.version).executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw conflict('FORM_CHANGED', '表单已被他人修改，请刷新后再保存');
      } else {
        // Two first saves at once: the second waits for the first's row and inserts nothing (no unique-violation 500).
        const inserted = await tx.insertInto('item_forms').values({ item_code: itemCode, ...values }).onConflict((oc) => oc.column('item_code').doNothing()).executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw conflict('FORM_CHANGED', '表单已被他人修改，请刷新后再保存');
      }
      await recordAudit(tx, ctx, {
        action: 'item_form.save', entityType: 'item_form', entityId: itemCode,
        summary: {
          item: guide.name, version: nextVersion, fields: input.definition.fields.map((f) => f.key), preReviewOnline: input.preReviewOnline, decidedBy: input.decidedBy,
          // 受理条件校验 as saved: who set which age limit or residence rule
          ...(input.definition.eligibility.length ? { eligibility: input.definition.eligibility.map((r) => (r.kind === 'age' ? { kind: r.kind, min: r.min, max: r.max } : { kind: r.kind, field: r.field })) } : {}),
        },
      }, this.deps.clock);
    });
    this.cache.delete(itemCode);
    return this.settings(itemCode);
  }

  // ───────────────────────── drafts ─────────────────────────

  async draft(actor: SignedIn, itemCode: string, regionCode: string) {
    const row = await findDraft(this.db, ownerKey(actor), itemCode, regionCode);
    if (!row) throw notFound('草稿', 'DRAFT_NOT_FOUND');
    const region = await this.deps.regions.get(regionCode);
    return {
      itemCode, itemName: row.item_name, regionCode, regionName: region?.shortName ?? regionCode,
      data: draftData.parse(JSON.parse(this.deps.protector.decrypt(row.data_enc))), updatedAt: row.updated_at,
    };
  }

  async saveDraft(actor: SignedIn, itemCode: string, regionCode: string, data: DraftData) {
    const region = await this.deps.regions.require(regionCode, 'region');
    const guide = await this.catalog.guide(itemCode, region.code); // the item must be offered there
    // a citizen's draft is an online application in the making: only for items that take them
    if (actor.kind === 'citizen') requireOnlineApplication(guide);
    const now = iso(this.deps.clock.now());
    const data_enc = this.deps.protector.encrypt(JSON.stringify(data));
    const key = ownerKey(actor);
    // One upsert: two autosaves of a new draft at once (two tabs) leave one draft, never a unique-violation 500.
    await this.db.insertInto('case_drafts')
      .values({ id: newId(), owner_key: key, item_code: itemCode, item_name: guide.name, region_code: region.code, data_enc, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['owner_key', 'item_code', 'region_code']).doUpdateSet({ data_enc, item_name: guide.name, updated_at: now }))
      .execute();
    return { itemCode, itemName: guide.name, regionCode: region.code, regionName: region.shortName, data, updatedAt: now };
  }

  async deleteDraft(actor: SignedIn, itemCode: string, regionCode: string): Promise<void> {
    const result = await deleteDraft(this.db, ownerKey(actor), itemCode, regionCode);
    if (Number(result.numDeletedRows) === 0) throw notFound('草稿', 'DRAFT_NOT_FOUND');
  }

  /**
   * Deletes these drafts (an application is in: its auto-saved draft has done its job), as one
   * statement on the caller's handle for it to run with its own writes, in its transaction or
   * guarded statement (the cases module's DraftDiscarder; it runs nothing here).
   */
  discardWrite(db: DbOrTx, drafts: readonly DraftOf[]): WriteQuery {
    return deleteDraftsQuery(db, drafts.map((d) => ({ ownerKey: ownerKey(d.owner), itemCode: d.itemCode, regionCode: d.regionCode })));
  }

  async drafts(actor: SignedIn) {
    const rows = await listDrafts(this.db, ownerKey(actor));
    const items = [];
    for (const r of rows) {
      const region = await this.deps.regions.get(r.region_code);
      items.push({ itemCode: r.item_code, itemName: r.item_name, regionCode: r.region_code, regionName: region?.shortName ?? r.region_code, updatedAt: r.updated_at });
    }
    return { items };
  }

  // ───────────────────────── 历史数据自动填充 ─────────────────────────

  async prefill(actor: CitizenActor, itemCode: string) {
    const { definition } = await this.settings(itemCode);
    return this.prefillFields(actor, definition.fields);
  }

  /** What the applicant's profile and recent applications answer of `fields` (an item's form, or a theme's shared fields). */
  async prefillFields(actor: CitizenActor, fields: readonly FormField[]) {
    const definition = { fields };
    const me = await this.prefillSources.profiles.profile(actor.id);
    if (!me) throw new Error(`no citizen account ${actor.id}`);
    const profile: Record<string, string | null> = {
      'profile.name': me.name,
      'profile.idNumber': me.idNumber,
      'profile.phone': me.phone,
    };
    const wantsPrevious = definition.fields.some((f) => f.prefill === 'previous');
    const previous = wantsPrevious ? await this.prefillSources.applications.recentOf(actor.id, PREVIOUS_APPLICATIONS) : [];
    const values: Record<string, FormValue> = {};
    const sources: Record<string, { kind: 'profile' | 'previous'; caseNo?: string; at?: string; label: string }> = {};
    for (const f of definition.fields) {
      if (f.prefill === 'none') continue;
      if (f.prefill === 'previous') {
        for (const p of previous) {
          const answers = openFormData(this.deps.protector, p.formData);
          const v = answers[f.key];
          if (v === undefined || v === null || v === '' || f.type === 'attachment') continue;
          values[f.key] = v;
          // the China date, as in the case number (created_at is UTC)
          sources[f.key] = { kind: 'previous', caseNo: p.caseNo, at: p.createdAt, label: `取自 ${chinaDate(new Date(p.createdAt))} 的申请（办件编号 ${p.caseNo}）` };
          break;
        }
        continue;
      }
      const v = profile[f.prefill];
      if (v) {
        values[f.key] = v;
        sources[f.key] = { kind: 'profile', label: '取自个人资料' };
      }
    }
    // A table of people that includes the applicant (家庭成员: a 关系 column offering 本人) starts with
    // the applicant's own row, so nobody types themselves in again.
    for (const f of definition.fields) {
      if (f.type !== 'table' || values[f.key] !== undefined) continue;
      const self = applicantRow(f, { name: me.name, idNumber: me.idNumber });
      if (!self) continue;
      values[f.key] = [self];
      sources[f.key] = { kind: 'profile', label: `取自实名信息，${tableRowWords(f).row(0)}是您本人` };
    }
    return { values, sources };
  }
}
