/**
 * Staff accounts as a picker shows them (name, username, home region): the training module's
 * TraineeAccounts (participants of a 培训场次 are picked from the accounts of the organiser's
 * subtree). Read-only; who may see whom is the caller's scope, passed as region path prefixes.
 */
import type { Deps } from '../../deps.js';
import { containsText } from '../../db/like.js';
import type { TraineeAccount, TraineeAccounts } from '../training/index.js';

const COLUMNS = ['u.id', 'u.username', 'u.name', 'u.active', 'u.home_region_code', 'hr.path as home_region_path', 'hr.short_name as home_region_name'] as const;

type Row = { id: string; username: string; name: string; active: number; home_region_code: string; home_region_path: string; home_region_name: string };

const brief = (r: Row): TraineeAccount => ({
  id: r.id, username: r.username, name: r.name, active: r.active === 1, regionCode: r.home_region_code, regionPath: r.home_region_path, regionName: r.home_region_name,
});

export class StaffBriefs implements TraineeAccounts {
  constructor(private readonly deps: Pick<Deps, 'dbh'>) {}

  private base() {
    return this.deps.dbh.db.selectFrom('staff_users as u').innerJoin('regions as hr', 'hr.code', 'u.home_region_code').select(COLUMNS);
  }

  async search(paths: readonly string[], q: string | undefined, limit: number): Promise<TraineeAccount[]> {
    if (paths.length === 0) return [];
    let query = this.base().where((eb) => eb.or(paths.map((p) => eb('hr.path', 'like', `${p}%`)))).where('u.active', '=', 1);
    if (q) query = query.where((eb) => eb.or([containsText('u.username', q), containsText('u.name', q)]));
    return (await query.orderBy('hr.path').orderBy('u.username').limit(limit).execute()).map(brief);
  }

  async byIds(ids: readonly string[]): Promise<TraineeAccount[]> {
    if (ids.length === 0) return [];
    return (await this.base().where('u.id', 'in', [...new Set(ids)]).execute()).map(brief);
  }
}
