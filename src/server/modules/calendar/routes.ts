import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { gates, staffActor } from '../../platform/gates.js';
import { errorResponses } from '../../platform/openapi.js';
import { calendarYear, clearCalendarDay, setCalendarDay } from './service.js';

const dateParam = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD') });
const dayView = z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string(), provisional: z.boolean() });

export const calendarRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['calendar'];
  app.get('/calendar', {
    config: { gate: gates.public },
    schema: {
      tags, summary: '某年的法定节假日与调休上班日（承诺时限按工作日计算）',
      querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
      response: { 200: z.object({ year: z.number(), workingDays: z.number(), provisional: z.boolean(), sources: z.array(z.string()), days: z.array(dayView) }), ...errorResponses(400) },
    },
  }, async (request) => calendarYear(deps, request.query.year));

  app.put('/admin/calendar/:date', {
    config: { gate: gates.staff('calendar.manage') },
    schema: {
      tags, summary: '设置某天为节假日或调休上班日（市级管理员）', params: dateParam,
      body: z.strictObject({ kind: z.enum(['holiday', 'workday']), name: z.string().trim().min(1, '请填写名称').max(30), source: z.string().trim().max(200).default('') }),
      response: { 200: dayView, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => setCalendarDay(deps, request.ctx, staffActor(request), request.params.date, request.body));

  app.delete('/admin/calendar/:date', {
    config: { gate: gates.staff('calendar.manage') },
    schema: { tags, summary: '恢复某天为默认（周一至周五工作）', params: dateParam, response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => {
    await clearCalendarDay(deps, request.ctx, staffActor(request), request.params.date);
    return { ok: true as const };
  });
};
