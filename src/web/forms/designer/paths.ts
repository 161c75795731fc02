export const ITEM_FORMS_PATH = '/workbench/item-forms';
/** The designer of one item's form. */
export const designerPath = (code: string) => `${ITEM_FORMS_PATH}/${encodeURIComponent(code)}`;
