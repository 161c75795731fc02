import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('holiday calendar API', () => {
  it('lists a year\'s holidays and 调休 days with the working-day count', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/calendar?year=2026' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.provisional).toBe(false);
    expect(body.days.find((d: { date: string }) => d.date === '2026-02-14')).toMatchObject({ kind: 'workday', name: '春节调休上班' });
    expect(body.workingDays).toBe(248); // 261 weekdays − 19 holidays on weekdays + 6 调休 weekend days
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/calendar?year=2027' })).json().provisional).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/calendar?year=abc' })).statusCode).toBe(400);
  });

  it('the city admin adds the 2027 调休 once the notice is out; others may not', async () => {
    const city = await new TestClient(t.app).loginStaff('admin');
    const res = await city.request('PUT', '/api/v1/admin/calendar/2027-02-13', { kind: 'workday', name: '春节调休上班', source: '国务院办公厅关于2027年部分节假日安排的通知' });
    expect(res.statusCode).toBe(200);
    expect(t.deps.calendar.isWorkingDay('2027-02-13')).toBe(true);
    expect((await city.request('PUT', '/api/v1/admin/calendar/2027-02-30', { kind: 'holiday', name: '不存在' })).json().error.code).toBe('INVALID_DATE');
    expect((await city.delete('/api/v1/admin/calendar/2027-02-13')).statusCode).toBe(200);
    expect(t.deps.calendar.isWorkingDay('2027-02-13')).toBe(false);
    const town = await new TestClient(t.app).loginStaff('gangshan.admin');
    expect((await town.request('PUT', '/api/v1/admin/calendar/2027-02-13', { kind: 'workday', name: 'x' })).statusCode).toBe(403);
  });
});
