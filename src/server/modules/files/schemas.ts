import { z } from 'zod';

/** A stored attachment (POST /admin/files): its id, what it is, and the address it is read from. */
export const storedFileView = z.object({
  id: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number(),
  url: z.string(),
});
