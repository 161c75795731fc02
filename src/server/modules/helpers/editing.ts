/**
 * Keeping the 帮办代办员 roster (issue 14): administrators with helper.manage over a town add,
 * correct, withdraw and reinstate its helpers — a town admin their own town's, the city admin any.
 * A helper of a town outside the actor's grants is "not found" (404), so ids leak nothing; adding
 * one there is refused (403).
 *
 * The rules a form cannot check: the town is a town in scope; every area is the town itself or one
 * of its villages; every item is in the published catalog; a linked staff account exists, is
 * active, holds the helper role over (a place of) the town and is linked to no other helper. Every
 * change is audited in its transaction with the fields that changed; phones appear there masked.
 */
import type { Deps } from '../../deps.js';
import { isUniqueViolation } from '../../db/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { conflict, forbidden, notFound, validationFailed, type FieldProblem } from '../../platform/errors.js';
import { iso, newId } from '../../platform/ids.js';
import { can, scopePaths } from '../../platform/permissions.js';
import type { Region } from '../../platform/regions.js';
import type { StaffActor } from '../../platform/request.js';
import { dutyText, helperTypeName, type HelperDuty, type HelperType } from '../../../shared/helpers.js';
import { maskPhone } from '../../../shared/validators.js';
import { WEEKDAYS } from '../../../shared/venue-hours.js';
import type { HelperAccounts, ItemNames } from './ports.js';
import {
  areasOf, deleteAreas, findHelper, helperOfStaff, helpersInScope, insertAreas, insertHelper, updateHelper, type AreaRow, type HelperRow,
} from './repo.js';
import type { HelperInput, HelperRecord, HelperUpdate } from './schemas.js';

const helperNotFound = () => notFound('帮办代办员', 'HELPER_NOT_FOUND');
const helperChanged = (version?: number) => conflict('HELPER_CHANGED', '这位帮办代办员的信息刚被他人修改，请刷新后再改', version === undefined ? undefined : { version });


/** Request field names of the columns, for the audit entry's list of what changed. */
const FIELD_OF_COLUMN = {
  name: 'name', type: 'type', phone: 'phone', town_code: 'townCode', staff_id: 'staffId', is_coordinator: 'coordinator', grid: 'grid',
  item_codes: 'itemCodes', duty: 'duty', duty_note: 'dutyNote', active: 'active',
} as const;

interface Checked {
  town: Region;
  areas: Region[];
}

export class HelperEditor {
  constructor(
    private readonly deps: Pick<Deps, 'dbh' | 'regions' | 'clock' | 'protector'>,
    private readonly items: ItemNames,
    private readonly accounts: HelperAccounts,
  ) {}

  private get db() {
    return this.deps.dbh.db;
  }

  /** GET /helper-records: the helpers of the towns the administrator manages. */
  async list(actor: StaffActor, q: { town?: string; village?: string; type?: HelperType; q?: string; active?: boolean; page: number; pageSize: number }) {
    let townCode: string | undefined;
    if (q.town) {
      const town = await this.deps.regions.require(q.town, 'town');
      if (town.level === 'village') throw validationFailed([{ field: 'town', message: '请选择镇（街道）' }]);
      if (town.level === 'town') townCode = town.code;
    }
    let coveringCodes: string[] | undefined;
    if (q.village) {
      const village = await this.deps.regions.require(q.village, 'village');
      if (village.level !== 'village') throw validationFailed([{ field: 'village', message: '请选择村（社区）' }]);
      // its own helpers and those whose area is its whole town
      coveringCodes = [village.code, ...(village.parentCode ? [village.parentCode] : [])];
    }
    const { total, rows } = await helpersInScope(this.db, { scopePaths: scopePaths(actor, 'helper.manage'), townCode, coveringCodes, type: q.type, q: q.q, active: q.active }, q.page, q.pageSize);
    return { total, items: await this.view(rows) };
  }

  /** GET /helper-records/{id} */
  async get(actor: StaffActor, id: string): Promise<HelperRecord> {
    return (await this.view([await this.editable(actor, id)]))[0]!;
  }

  /** POST /helper-records */
  async create(ctx: RequestContext, actor: StaffActor, input: HelperInput): Promise<HelperRecord> {
    const { town, areas } = await this.checked(actor, input, null);
    const id = newId();
    const now = iso(this.deps.clock.now());
    await this.write(input.staffId, async () => this.db.transaction().execute(async (tx) => {
      await insertHelper(tx, { id, ...this.columns(input, town, true), version: 1, created_at: now, updated_at: now });
      await insertAreas(tx, areas.map((a) => ({ helper_id: id, region_code: a.code, region_path: a.path })));
      await recordAudit(tx, ctx, {
        action: 'helper.create', entityType: 'helper', entityId: id, regionCode: town.code,
        summary: {
          name: input.name, type: input.type, phone: maskPhone(input.phone), areaCodes: areas.map((a) => a.code), coordinator: input.coordinator,
          itemCodes: input.itemCodes, staffLinked: input.staffId !== null,
        },
      }, this.deps.clock);
    }));
    return this.get(actor, id);
  }

  /** PUT /helper-records/{id}: on the version read (409 otherwise); active false withdraws the helper, true reinstates. */
  async update(ctx: RequestContext, actor: StaffActor, id: string, input: HelperUpdate): Promise<HelperRecord> {
    const before = await this.editable(actor, id);
    if (input.version !== before.version) throw helperChanged(before.version);
    const { town, areas } = await this.checked(actor, input, id);
    const columns = this.columns(input, town, input.active);
    // compared as plain values: the stored phone is decrypted (each encryption has its own IV)
    const after = { ...columns, phone: input.phone };
    const was = { ...before, phone: this.deps.protector.decrypt(before.phone_enc) };
    const changed: string[] = (Object.keys(FIELD_OF_COLUMN) as (keyof typeof FIELD_OF_COLUMN)[])
      .filter((k) => String(after[k]) !== String(was[k]))
      .map((k) => FIELD_OF_COLUMN[k]);
    const oldAreas = (await areasOf(this.db, [id])).map((a) => a.region_code).sort();
    const newAreas = areas.map((a) => a.code).sort();
    if (oldAreas.join() !== newAreas.join()) changed.push('areaCodes');
    if (changed.length === 0) return this.get(actor, id);
    const { phone_enc: _unchanged, ...rest } = columns;
    await this.write(input.staffId, async () => this.db.transaction().execute(async (tx) => {
      // the phone is written again only when it changed
      const done = await updateHelper(tx, id, input.version, { ...rest, ...(changed.includes('phone') ? { phone_enc: columns.phone_enc } : {}), updated_at: iso(this.deps.clock.now()) });
      if (Number(done.numUpdatedRows) !== 1) throw helperChanged();
      if (changed.includes('areaCodes')) {
        await deleteAreas(tx, id);
        await insertAreas(tx, areas.map((a): AreaRow => ({ helper_id: id, region_code: a.code, region_path: a.path })));
      }
      const action = before.active === 1 && !input.active ? 'helper.deactivate' : before.active === 0 && input.active ? 'helper.reactivate' : 'helper.update';
      await recordAudit(tx, ctx, {
        action, entityType: 'helper', entityId: id, regionCode: town.code,
        summary: {
          name: input.name, fields: changed,
          ...(changed.includes('phone') ? { phone: maskPhone(input.phone) } : {}),
          ...(changed.includes('areaCodes') ? { areaCodes: newAreas } : {}),
          ...(before.town_code !== town.code ? { fromTown: before.town_code } : {}),
        },
      }, this.deps.clock);
    }));
    return this.get(actor, id);
  }

  /** A write that may lose a race for the staff account's link (the unique index): the same answer as the check before it. */
  private async write(staffId: string | null, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (err) {
      if (staffId !== null && isUniqueViolation(err)) throw validationFailed([{ field: 'staffId', message: '该账号刚被关联到另一位帮办代办员，请刷新后重试' }]);
      throw err;
    }
  }

  /** The helper, if the actor may manage its town; else not found (outside the subtree it does not exist for them). */
  private async editable(actor: StaffActor, id: string): Promise<HelperRow> {
    const row = await findHelper(this.db, id);
    if (!row || !can(actor, 'helper.manage', { code: row.town_code, path: row.town_path })) throw helperNotFound();
    return row;
  }

  private async checked(actor: StaffActor, input: HelperInput, id: string | null): Promise<Checked> {
    const town = await this.deps.regions.require(input.townCode, 'townCode');
    if (town.level !== 'town') throw validationFailed([{ field: 'townCode', message: `帮办代办员属于一个镇（街道），「${town.shortName}」不是` }]);
    if (!can(actor, 'helper.manage', this.deps.regions.ref(town))) throw forbidden(`您无权维护「${town.shortName}」的帮办代办员`);
    const problems: FieldProblem[] = [];

    const areas: Region[] = [];
    const unknown: string[] = [];
    const outside: string[] = [];
    for (const code of input.areaCodes) {
      const r = await this.deps.regions.get(code);
      if (!r) unknown.push(code);
      else if (r.code === town.code || (r.level === 'village' && r.path.startsWith(town.path))) areas.push(r);
      else outside.push(r.shortName);
    }
    if (unknown.length) problems.push({ field: 'areaCodes', message: `这些行政区划代码不存在：${unknown.join('、')}` });
    if (outside.length) problems.push({ field: 'areaCodes', message: `服务区域应为${town.shortName}或其下的村（社区），这些不在其中：${outside.join('、')}` });

    const missing: string[] = [];
    for (const code of input.itemCodes) if ((await this.items.itemName(code)) === null) missing.push(code);
    if (missing.length) problems.push({ field: 'itemCodes', message: `已发布的事项目录中没有这些事项：${missing.join('、')}` });

    if (input.staffId !== null) {
      const problem = await this.staffProblem(input.staffId, town, id);
      if (problem) problems.push({ field: 'staffId', message: problem });
    }
    if (problems.length) throw validationFailed(problems);
    return { town, areas };
  }

  /** Why a staff account cannot be linked to this town's helper `id` (null: it can). */
  private async staffProblem(staffId: string, town: Region, id: string | null): Promise<string | null> {
    const account = await this.accounts.helperAccount(staffId);
    if (!account) return '没有找到这个工作人员账号';
    if (!account.active) return `账号「${account.name}」已停用，不能关联`;
    if (account.helperGrants.length === 0) return `账号「${account.name}」没有帮办代办员角色，请先在账号管理中授予`;
    // a grant over a place of the town, the town itself or a wider area that includes it
    if (!account.helperGrants.some((g) => g.path.startsWith(town.path) || town.path.startsWith(g.path))) {
      return `账号「${account.name}」的帮办代办员角色不在${town.shortName}`;
    }
    const linked = await helperOfStaff(this.db, staffId);
    if (linked && linked.id !== id) return `账号「${account.name}」已关联帮办代办员「${linked.name}」`;
    return null;
  }

  private columns(input: HelperInput, town: Region, active: boolean) {
    // days in weekday order, each day's intervals in time order, days without any left out: one text per schedule
    const week = Object.fromEntries(WEEKDAYS.filter((d) => input.duty.week[d]?.length).map((d) => [d, [...input.duty.week[d]!].sort()]));
    const duty: HelperDuty = { week, calendar: input.duty.calendar };
    return {
      name: input.name, type: input.type, phone_enc: this.deps.protector.encrypt(input.phone), town_code: town.code, town_path: town.path,
      staff_id: input.staffId, is_coordinator: input.coordinator ? 1 : 0, grid: input.grid, item_codes: JSON.stringify(input.itemCodes),
      duty: JSON.stringify(duty), duty_note: input.dutyNote, active: active ? 1 : 0,
    } satisfies Omit<HelperRow, 'id' | 'version' | 'created_at' | 'updated_at'>;
  }

  private async view(rows: HelperRow[]): Promise<HelperRecord[]> {
    if (rows.length === 0) return [];
    const areas = new Map<string, AreaRow[]>();
    for (const a of await areasOf(this.db, rows.map((r) => r.id))) areas.set(a.helper_id, [...(areas.get(a.helper_id) ?? []), a]);
    const staffIds = rows.map((r) => r.staff_id).filter((s): s is string => s !== null);
    const names = staffIds.length ? await this.accounts.displayNames(staffIds) : new Map<string, string>();
    const out: HelperRecord[] = [];
    for (const r of rows) {
      const town = await this.deps.regions.get(r.town_code);
      const duty = JSON.parse(r.duty) as HelperDuty;
      out.push({
        id: r.id, name: r.name, type: r.type as HelperType, typeName: helperTypeName(r.type), phone: this.deps.protector.decrypt(r.phone_enc),
        townCode: r.town_code, townName: town?.shortName ?? r.town_code,
        areas: await Promise.all((areas.get(r.id) ?? []).map(async (a) => ({ code: a.region_code, name: (await this.deps.regions.get(a.region_code))?.shortName ?? a.region_code }))),
        grid: r.grid, coordinator: r.is_coordinator === 1,
        items: await Promise.all((JSON.parse(r.item_codes) as string[]).map(async (code) => ({ code, name: await this.items.itemName(code) }))),
        duty, dutyText: dutyText(duty), dutyNote: r.duty_note,
        staff: r.staff_id === null ? null : { id: r.staff_id, name: names.get(r.staff_id) ?? null },
        active: r.active === 1, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
      });
    }
    return out;
  }
}
