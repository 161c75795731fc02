import { z } from 'zod';

export const errorSchema = z.object({
  error: z.object({
    code: z.string().describe('stable machine code, UPPER_SNAKE'),
    message: z.string().describe('中文说明'),
    details: z.unknown().optional(),
  }),
});

/** `{ 400: errorSchema, 403: errorSchema, ... }` for a route's response map. */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, typeof errorSchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorSchema])) as Record<S, typeof errorSchema>;
}

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};
