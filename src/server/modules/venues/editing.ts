/**
 * Editing venues (工作台「服务网点」, issue 13): administrators with venue.manage over a place add,
 * correct and close the venues in it — a town admin their town's centre, stations and partner
 * points, the city admin any. A venue outside the actor's subtree is "not found", so ids leak
 * nothing. Every change is audited in its transaction, with the fields that changed.
 *
 * A centre's or station's address, hours and phone are also its place's 实施清单 contacts
 * (contacts.ts): one edit here changes the guides, the map and case documents together.
 */
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { conflict, forbidden, validationFailed, type FieldProblem } from '../../platform/errors.js';
import { iso, newId } from '../../platform/ids.js';
import { can, scopePaths } from '../../platform/permissions.js';
import type { Region } from '../../platform/regions.js';
import type { StaffActor } from '../../platform/request.js';
import { weeklyText, type VenueHours } from '../../../shared/venue-hours.js';
import { LIST_KINDS, VENUE_KINDS, type Facility, type VenueKind } from '../../../shared/venues.js';
import { editableVenue } from './access.js';
import { photoView, storedPhotos } from './photos.js';
import type { PlaceItems } from './ports.js';
import { otherListVenueAt, updateVenue, venueRecords, type VenueRecordRow, type VenueRow } from './repo.js';
import type { VenueInput, VenueRecord } from './schemas.js';

/** Which places a kind may stand for: a centre is its town's, a station its village's. */
const LEVELS_OF: Partial<Record<VenueKind, Region['level'][]>> = {
  county_centre: ['county'],
  town_centre: ['town'],
  village_station: ['village'],
};
const levelWords = { county: '市', town: '镇（街道）', village: '村（社区）' } as const;

const FIELD_OF_COLUMN: Record<string, string> = {
  kind: 'kind', name: 'name', region_code: 'regionCode', address: 'address', lat: 'lat', lng: 'lng', coord_approx: 'approximate', phone: 'phone',
  hours: 'hours', facilities: 'facilities', links: 'links', description: 'description', item_codes: 'itemCodes', active: 'active',
};

export class VenueEditor {
  constructor(
    private readonly deps: Pick<Deps, 'dbh' | 'regions' | 'clock'>,
    private readonly items: PlaceItems,
    /** after a change: the map and the guides answer from the new row at once in this process */
    private readonly onChanged: () => void,
  ) {}

  private get db() {
    return this.deps.dbh.db;
  }

  async list(actor: StaffActor, q: { region?: string; kind?: VenueKind[]; q?: string; includeClosed?: boolean; page: number; pageSize: number }) {
    const region = q.region ? await this.deps.regions.require(q.region, 'region') : undefined;
    const { total, rows } = await venueRecords(this.db, {
      scopePaths: scopePaths(actor, 'venue.manage'), regionPath: region?.path, kinds: q.kind, q: q.q, includeClosed: q.includeClosed ?? false,
    }, q.page, q.pageSize);
    const items = await Promise.all(rows.map(async (r) => {
      const { hours: _hours, links: _links, description: _description, items: _items, photos: _photos, ...summary } = await this.view(r, false);
      return summary;
    }));
    return { total, items };
  }

  async get(actor: StaffActor, id: string): Promise<VenueRecord> {
    return this.view(await this.editable(actor, id), true);
  }

  async create(ctx: RequestContext, actor: StaffActor, input: VenueInput): Promise<VenueRecord> {
    const region = await this.checked(actor, input, null);
    const id = newId();
    const now = iso(this.deps.clock.now());
    await this.db.transaction().execute(async (tx) => {
      await tx.insertInto('venues').values({ id, ...this.columns(input), photos: '[]', version: 1, created_at: now, updated_at: now }).execute();
      await recordAudit(tx, ctx, { action: 'venue.create', entityType: 'venue', entityId: id, regionCode: region.code, summary: { kind: input.kind, name: input.name } }, this.deps.clock);
    });
    this.onChanged();
    return this.get(actor, id);
  }

  async update(ctx: RequestContext, actor: StaffActor, id: string, input: VenueInput & { version: number }): Promise<VenueRecord> {
    const before = await this.editable(actor, id);
    if (input.version !== before.version) throw conflict('VENUE_CHANGED', '这个办事地点刚被他人修改，请刷新后再改', { version: before.version });
    if (input.kind !== before.kind && (LIST_KINDS.includes(input.kind) || LIST_KINDS.includes(before.kind as VenueKind))) {
      throw validationFailed([{ field: 'kind', message: '政务服务中心和便民服务站不能改成其他类型（或由其他类型改来）：请关闭后新建' }]);
    }
    const region = await this.checked(actor, input, id);
    const columns = this.columns(input);
    const changed = (Object.keys(columns) as (keyof typeof columns)[]).filter((k) => String(columns[k]) !== String(before[k])).map((k) => FIELD_OF_COLUMN[k] ?? k);
    if (changed.length === 0) return this.view(before, true);
    await this.db.transaction().execute(async (tx) => {
      const res = await updateVenue(tx, id, input.version, { ...columns, updated_at: iso(this.deps.clock.now()) });
      if (Number(res.numUpdatedRows) !== 1) throw conflict('VENUE_CHANGED', '这个办事地点刚被他人修改，请刷新后再改');
      const action = before.active === 1 && !input.active ? 'venue.close' : before.active === 0 && input.active ? 'venue.reopen' : 'venue.update';
      await recordAudit(tx, ctx, { action, entityType: 'venue', entityId: id, regionCode: region.code, summary: { fields: changed, ...(before.region_code !== region.code ? { from: before.region_code } : {}) } }, this.deps.clock);
    });
    this.onChanged();
    return this.get(actor, id);
  }

  /** The venue, if the actor may edit it; else not found (outside the subtree it does not exist for them). */
  private editable(actor: StaffActor, id: string): Promise<VenueRecordRow> {
    return editableVenue(this.db, actor, id);
  }

  /** The rules a form cannot check: the place (in scope, of the right level, one centre or station each) and the items. */
  private async checked(actor: StaffActor, input: VenueInput, id: string | null): Promise<Region> {
    const region = await this.deps.regions.require(input.regionCode, 'regionCode');
    if (!can(actor, 'venue.manage', region)) throw forbidden(`您无权维护「${region.shortName}」的办事地点`);
    const problems: FieldProblem[] = [];
    const levels = LEVELS_OF[input.kind];
    if (levels && !levels.includes(region.level)) {
      problems.push({ field: 'regionCode', message: `${VENUE_KINDS[input.kind]}应属于一个${levels.map((l) => levelWords[l]).join('或')}，「${region.shortName}」不是` });
    }
    if (LIST_KINDS.includes(input.kind)) {
      if (input.itemCodes.length) problems.push({ field: 'itemCodes', message: '政务服务中心和便民服务站的事项就是本地实施清单，不在这里填写' });
      const other = input.active ? await otherListVenueAt(this.db, region.code, id) : undefined;
      if (other) problems.push({ field: 'regionCode', message: `「${region.shortName}」已有「${other.name}」：一个地方只有一个${VENUE_KINDS[input.kind]}` });
    } else {
      const unknown: string[] = [];
      for (const code of input.itemCodes) if ((await this.items.itemName(code)) === null) unknown.push(code);
      if (unknown.length) problems.push({ field: 'itemCodes', message: `已发布的事项目录中没有这些事项：${unknown.join('、')}` });
    }
    if (!input.hours.always && !Object.values(input.hours.week).some((d) => d.length > 0)) {
      problems.push({ field: 'hours', message: '请至少填写一天的营业时间，或选择「全天 24 小时开放」' });
    }
    if (problems.length) throw validationFailed(problems);
    return region;
  }

  private columns(input: VenueInput) {
    const hours: VenueHours = { always: input.hours.always, calendar: input.hours.calendar, week: input.hours.week, exceptions: input.hours.exceptions };
    return {
      kind: input.kind, name: input.name, region_code: input.regionCode, address: input.address, lat: input.lat, lng: input.lng,
      coord_approx: input.approximate ? 1 : 0, phone: input.phone, hours: JSON.stringify(hours), facilities: JSON.stringify(input.facilities),
      links: JSON.stringify(input.links), description: input.description,
      item_codes: LIST_KINDS.includes(input.kind) ? null : JSON.stringify(input.itemCodes), active: input.active ? 1 : 0,
    } satisfies Omit<VenueRow, 'id' | 'photos' | 'version' | 'created_at' | 'updated_at'>;
  }

  private async view(r: VenueRecordRow, withItems: boolean): Promise<VenueRecord> {
    const hours = JSON.parse(r.hours) as VenueHours;
    const codes = r.item_codes === null ? null : (JSON.parse(r.item_codes) as string[]);
    const region = await this.deps.regions.get(r.region_code);
    return {
      id: r.id, kind: r.kind as VenueKind, kindLabel: VENUE_KINDS[r.kind as VenueKind] ?? r.kind, name: r.name,
      regionCode: r.region_code, regionName: region?.shortName ?? r.region_code, address: r.address, lat: r.lat, lng: r.lng,
      approximate: r.coord_approx === 1, phone: r.phone, hours, hoursText: weeklyText(hours),
      facilities: JSON.parse(r.facilities) as Facility[], links: JSON.parse(r.links) as { label: string; url: string }[], description: r.description,
      items: codes === null || !withItems ? null : await Promise.all(codes.map(async (code) => ({ code, name: (await this.items.itemName(code)) ?? '（目录中已没有这个事项）' }))),
      active: r.active === 1, photos: storedPhotos(r.photos).map(photoView), version: r.version, updatedAt: r.updated_at,
    };
  }
}
