/**
 * What the themes module needs from others, declared here and implemented elsewhere (the
 * composition root wires them): each item's guide (the catalog's PublicCatalog) and its
 * application form (the forms module's ItemFormService).
 */
import type { FormField } from '../../../shared/forms.js';

/** An item's guide as a theme shows and merges it. */
export interface ThemeItemGuide {
  code: string;
  name: string;
  department: string;
  implementingBody: string;
  promisedDays: number | null;
  onlineApplication: { allowed: boolean; reason: string | null };
  materials: { id: string; name: string; necessityCode: string; licenceType: string | null; conditional: boolean }[];
  path: string;
}

/** The published catalog (implemented by the catalog's PublicCatalog). */
export interface ThemeItemGuides {
  /**
   * The item's guide, with the place's local details when `regionCode` is given; rejects (404)
   * when no published catalog has the code or the place does not offer it.
   */
  guide(code: string, regionCode?: string): Promise<ThemeItemGuide>;
}

/** Items' application forms (implemented by the forms module's ItemFormService). */
export interface ThemeItemForms {
  recentSettings(itemCode: string): Promise<{ definition: { fields: FormField[] } }>;
}
