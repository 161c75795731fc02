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
  licencesConnected: z.boolean().describe('a licence library (电子证照库) is connected: any licence-linked material may be covered by a citizen\'s licence, so guides say so and window intake offers it. Licences the platform itself issued are found either way (GET /cases/licence-matches)'),
});
