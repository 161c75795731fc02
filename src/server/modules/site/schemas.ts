import { z } from 'zod';

/** GET /api/v1/site: what every page shows about the site (name, phone) and what is connected. */
export const siteView = z.object({
  siteName: z.string(),
  phone: z.string(),
  demoMode: z.boolean(),
  version: z.string(),
  mapTiles: z
    .object({ url: z.string().describe('a tile URL template ({z}/{x}/{y}, optional {s})'), attribution: z.string() })
    .nullable()
    .describe('the service map\'s base tiles (MAP_TILE_URL, e.g. 天地图 with its key); null: the map draws only our own layer, offline'),
  licencesConnected: z.boolean().describe('a source of 电子证照 is connected: a signed-in citizen may hold licences that stand in for materials (GET /cases/licence-matches)'),
});
