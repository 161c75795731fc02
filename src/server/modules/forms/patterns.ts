/**
 * Format rules on the server run on RE2 (re2js): matching time is linear in the answer whatever
 * rule an administrator saved, so no answer can hold the event loop (with the backtracking
 * RegExp, (\w|\d)+$ took ~10 s on a 28-character answer). Rules reach it only as the canonical
 * source of src/shared/form-patterns.ts, which RE2 and the browser's RegExp read alike.
 *
 * Installed when this module is first imported: the forms service and schemas import it, and every
 * server path that checks a form (designer save, submission, resubmission) goes through them.
 */
import { RE2JS } from 're2js';
import { setPatternEngine, type PatternEngine } from '../../../shared/form-patterns.js';

export const re2PatternEngine: PatternEngine = {
  compile(source) {
    let re: RE2JS;
    try {
      re = RE2JS.compile(`^(?:${source})$`);
    } catch {
      return null;
    }
    return (text) => re.test(text);
  },
};

setPatternEngine(re2PatternEngine);
