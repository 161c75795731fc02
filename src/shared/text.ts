/**
 * Putting Chinese sentences together: text that comes from data (a guide's step, an official's
 * opinion) may or may not end with 。, and a template that adds its own 。 after it must not print
 * 。。. Shared by the public pages and the server's notices.
 */

/** Marks that end a sentence (full and half width). */
const ENDS_SENTENCE = /[。！？!?；;…]$/u;
/** Marks a template's own punctuation replaces. */
const TRAILING_MARKS = /[。．.！!？?；;，,、：:\s]+$/u;

/** Does the text already end a sentence (。！？；…)? */
export const endsSentence = (text: string): boolean => ENDS_SENTENCE.test(text.trim());

/** The text as one sentence: trimmed, with 。 at the end unless it already ends one; '' stays ''. */
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return '';
  return endsSentence(t) ? t : `${t}。`;
}

/** Sentences run together as one paragraph, each ending once; empty parts are left out. */
export function sentences(...parts: (string | null | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').map(sentence).join('');
}

/** Text that a template follows with its own mark (。，；：): its own trailing marks dropped. */
export function withoutEndMark(text: string): string {
  return text.trim().replace(TRAILING_MARKS, '');
}
