import { z } from 'zod';

import { regionCode } from '../../../shared/fields.js';

export { regionCode };

export const regionItem = z.object({
  code: z.string(),
  name: z.string().describe('everyday name, e.g. 孟庄社区'),
  fullName: z.string().describe('official name, e.g. 孟庄社区居委会'),
  level: z.enum(['county', 'town', 'village']),
  parentCode: z.string().nullable(),
  hasChildren: z.boolean(),
});

export const regionsQuery = z.object({ parent: regionCode.optional() });
export const regionList = z.object({ items: z.array(regionItem) });

export const regionDetail = regionItem.extend({
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  ancestors: z.array(z.object({ code: z.string(), name: z.string(), level: z.enum(['county', 'town', 'village']) })),
});
