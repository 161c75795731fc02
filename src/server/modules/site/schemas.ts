import { z } from 'zod';

/** GET /api/v1/site: what every page shows about the site (name, phone) and what is connected. */
export const siteView = z.object({
  siteName: z.string(),
  phone: z.string(),
  demoMode: z.boolean(),
  version: z.string(),
  licencesConnected: z.boolean().describe('a source of 电子证照 is connected: a signed-in citizen may hold licences that stand in for materials (GET /cases/licence-matches)'),
});
