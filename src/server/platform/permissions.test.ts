import { describe, expect, it } from 'vitest';
import type { StaffRole } from '../../shared/roles.js';
import { caseRoles, grantsCovering, mayViewCase, type Actor, type CaseAccess } from './permissions.js';

const COUNTY = { code: '370883', path: '/370883/' };
const GANGSHAN = { code: '370883001', path: '/370883/370883001/' };
const MENGZHUANG = { code: '370883001004', path: '/370883/370883001/370883001004/' };
const QIANQUAN = { code: '370883002', path: '/370883/370883002/' };

const staff = (id: string, ...grants: [StaffRole, { code: string; path: string }][]): Actor => ({
  kind: 'staff', id, name: id, username: id, sessionId: 's',
  grants: grants.map(([role, r], i) => ({ id: `g${i}`, role, regionCode: r.code, regionName: r.code, regionPath: r.path })),
});
const citizen = (id: string): Actor => ({ kind: 'citizen', id, name: null, sessionId: 's' });

/** Submitted at 孟庄社区, which only collects: decided by 钢山街道. */
const collected = (at: 'village' | 'town', extra: Partial<CaseAccess> = {}): CaseAccess => ({
  citizenId: 'c1', agentStaffId: null, received: MENGZHUANG, handling: GANGSHAN, current: at === 'village' ? MENGZHUANG : GANGSHAN, ...extra,
});

describe('grantsCovering: who holds actions over a place', () => {
  it('is the roles allowing any of the actions, granted on the place or an ancestor', () => {
    const { roles, regionCodes } = grantsCovering(MENGZHUANG, ['case.intake', 'case.decide']);
    expect(roles.sort()).toEqual(['approver', 'helper', 'window_clerk']);
    expect(regionCodes).toEqual(['370883', '370883001', '370883001004']);
    expect(grantsCovering(COUNTY, ['notification.manage'])).toEqual({ roles: ['city_admin'], regionCodes: ['370883'] });
  });
});

describe('mayViewCase', () => {
  it('lets the applicant, the one who took it in and staff over any of its places see it', () => {
    expect(mayViewCase(citizen('c1'), collected('village'))).toBe(true);
    expect(mayViewCase(citizen('c2'), collected('village'))).toBe(false);
    expect(mayViewCase({ kind: 'anonymous' }, collected('village'))).toBe(false);
    expect(mayViewCase(staff('h1', ['helper', QIANQUAN]), collected('village', { agentStaffId: 'h1' }))).toBe(true);
    expect(mayViewCase(staff('h2', ['helper', MENGZHUANG]), collected('village'))).toBe(false);
    expect(mayViewCase(staff('w1', ['window_clerk', MENGZHUANG]), collected('town'))).toBe(true);
    expect(mayViewCase(staff('a1', ['approver', GANGSHAN]), collected('village'))).toBe(true);
    expect(mayViewCase(staff('t1', ['town_admin', QIANQUAN]), collected('village'))).toBe(false);
  });
});

describe('caseRoles: a person\'s roles on a case', () => {
  const roles = (actor: Actor, c: CaseAccess & { decidedBy?: 'approver' | 'window_clerk' }) => [...caseRoles(actor, c)].sort();

  it('makes the citizen whose case it is the applicant, and nobody else', () => {
    expect(roles(citizen('c1'), collected('village'))).toEqual(['applicant']);
    expect(roles(citizen('c2'), collected('village'))).toEqual([]);
    expect(roles({ kind: 'anonymous' }, collected('village'))).toEqual([]);
  });

  it('gives the receiving window where the case is now, the handling body once it is there', () => {
    expect(roles(staff('w1', ['window_clerk', MENGZHUANG]), collected('village'))).toEqual(['receiver']);
    expect(roles(staff('w2', ['window_clerk', GANGSHAN]), collected('village'))).toEqual(['receiver']);
    expect(roles(staff('w2', ['window_clerk', GANGSHAN]), collected('town'))).toEqual(['handler_intake', 'receiver']);
    expect(roles(staff('a1', ['approver', GANGSHAN]), collected('village'))).toEqual([]);
    expect(roles(staff('a1', ['approver', GANGSHAN]), collected('town'))).toEqual(['decider']);
  });

  it('lets a helper receive only the cases they took in', () => {
    expect(roles(staff('h1', ['helper', MENGZHUANG]), collected('village'))).toEqual([]);
    expect(roles(staff('h1', ['helper', MENGZHUANG]), collected('village', { agentStaffId: 'h1' }))).toEqual(['receiver']);
  });

  it('lets the handling body\'s window decide 即办件 set to be decided at the window', () => {
    expect(roles(staff('w2', ['window_clerk', GANGSHAN]), { ...collected('town'), decidedBy: 'window_clerk' })).toEqual(['decider', 'handler_intake', 'receiver']);
    expect(roles(staff('w2', ['window_clerk', GANGSHAN]), { ...collected('town'), decidedBy: 'approver' })).toEqual(['handler_intake', 'receiver']);
  });
});
