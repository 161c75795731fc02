/**
 * Every case action's handler, one table. Its type proves it complete: a new name in CASE_ACTIONS
 * (src/shared/cases.ts) does not compile until it has a body schema (schemas.ts actionBodies), a
 * transition (CASE_TRANSITIONS) and a handler here.
 */
import type { CaseActionName } from '../../../../shared/cases.js';
import { accept } from './accept.js';
import { refuse, terminate, withdraw } from './close.js';
import { requestCorrection, resubmit } from './correction.js';
import { approve, deny, returnToReview } from './decide.js';
import { deliver } from './deliver.js';
import { forward, transfer } from './places.js';
import { extend, pause, resume } from './time-limit.js';
import type { ActionHandler } from './types.js';

export type { ActionContext, ActionHandler, ActionOutcome } from './types.js';

export const actionHandlers = {
  accept,
  'request-correction': requestCorrection,
  resubmit,
  refuse,
  approve,
  deny,
  return: returnToReview,
  transfer,
  extend,
  pause,
  resume,
  withdraw,
  terminate,
  forward,
  deliver,
} satisfies { [A in CaseActionName]: ActionHandler<A> };

const handlers: { readonly [A in CaseActionName]: ActionHandler<A> } = actionHandlers;

/** The handler of an action, typed for its body. */
export const handlerFor = <A extends CaseActionName>(action: A): ActionHandler<A> => handlers[action];
