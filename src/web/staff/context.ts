import { useOutletContext } from 'react-router';
import type { Me } from '../api/types.js';

export interface WorkbenchContext {
  me: Me;
}

/** The signed-in staff member, for pages inside the workbench layout. */
export const useWorkbench = () => useOutletContext<WorkbenchContext>();
