/**
 * What read-aloud says: the visible text of a page region, the words of one element under the
 * pointer or focus (指读), and text cut into short pieces so speech starts quickly and a long page
 * is read piece by piece: the server synthesises at most 500 characters a request.
 */

/** Elements whose text is never read (navigation inside the page, hidden and decorative parts). */
const SKIP = 'script,style,noscript,template,audio,video,svg,[hidden],[aria-hidden="true"],nav,[data-read-skip]';
/** Letters or digits: a line of only symbols (›, /, ·) says nothing. */
const WORDY = /[\p{L}\p{N}]/u;

/** The visible text of `root`, one line per block (heading, paragraph, list item, cell…). */
export function visibleText(root: Element): string {
  const out: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      out.push(node.textContent ?? '');
      return;
    }
    if (!(node instanceof Element) || node.matches(SKIP)) return;
    if (node instanceof HTMLBRElement) {
      out.push('\n');
      return;
    }
    const style = window.getComputedStyle(node);
    if (style.display === 'none' || style.visibility === 'hidden') return;
    if (node instanceof HTMLImageElement) {
      if (node.alt) out.push(` ${node.alt} `);
      return;
    }
    if (node instanceof HTMLInputElement || node instanceof HTMLSelectElement || node instanceof HTMLTextAreaElement) return;
    const block = !style.display.startsWith('inline') && style.display !== 'contents';
    if (block) out.push('\n');
    for (const child of node.childNodes) walk(child);
    if (block) out.push('\n');
  };
  walk(root);
  return tidy(out.join(''));
}

/** One line per block, spaces collapsed, symbol-only lines dropped. */
export function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => WORDY.test(line))
    .join('\n');
}

const CONTROL = 'a[href],button,input,select,textarea,summary,[role="button"],[role="switch"],[role="link"],[role="tab"],[role="checkbox"],[role="radio"],[role="combobox"]';
const BLOCK = 'h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,caption,legend,label,figcaption,blockquote,[role="status"],[role="alert"]';

const byIds = (ids: string) =>
  ids
    .split(/\s+/)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

/** A control's name roughly as a screen reader computes it (aria-labelledby, aria-label, label, content). */
export function accessibleName(el: Element): string {
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) return tidy(byIds(labelledBy)).replace(/\n/g, ' ');
  const label = el.getAttribute('aria-label');
  if (label) return label;
  if ((el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) && el.labels?.length) {
    return [...el.labels].map((l) => visibleText(l).replace(/\n/g, ' ')).join(' ');
  }
  const text = visibleText(el).replace(/\n/g, ' ');
  if (text) return text;
  const img = el.querySelector('img[alt]');
  return img?.getAttribute('alt') ?? el.getAttribute('title') ?? el.getAttribute('placeholder') ?? '';
}

/** What 指读 says for the element under the pointer or with focus; the element it describes. */
export function describeTarget(target: Element): { el: Element; text: string } | null {
  const control = target.closest(CONTROL);
  if (control) {
    const name = accessibleName(control);
    const tag = control.tagName.toLowerCase();
    const role = control.getAttribute('role');
    const parts: string[] = [];
    if (role === 'switch') parts.push(`${name}，开关，${control.getAttribute('aria-checked') === 'true' ? '已开启' : '已关闭'}`);
    else if (control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio')) {
      parts.push(`${name}，${control.type === 'radio' ? '单选' : '复选框'}，${control.checked ? '已选中' : '未选中'}`);
    } else if (control instanceof HTMLSelectElement) {
      parts.push(`${name}，下拉选择，当前：${control.selectedOptions[0]?.text ?? '未选择'}`);
    } else if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement) {
      parts.push(`${name}，输入框${control.value ? `，已填写：${control.value}` : ''}`);
    } else if (tag === 'a' || role === 'link') parts.push(`链接：${name}`);
    else {
      const pressed = control.getAttribute('aria-pressed');
      const expanded = control.getAttribute('aria-expanded');
      parts.push(`按钮：${name}${pressed === 'true' ? '，已选中' : ''}${expanded === 'true' ? '，已展开' : expanded === 'false' ? '，已收起' : ''}`);
    }
    const text = parts.join('');
    return WORDY.test(text) ? { el: control, text } : null;
  }
  const block = target.closest(BLOCK);
  if (!block || block.closest(SKIP.replace(',nav', ''))) return null;
  const text = visibleText(block).replace(/\n/g, '，');
  if (!text) return null;
  const level = /^H([1-6])$/.exec(block.tagName)?.[1];
  return { el: block, text: level ? `标题：${text}` : text.slice(0, 600) };
}

/**
 * Cuts text at sentence ends (then commas, then anywhere) into pieces of at most `first`
 * characters for the first piece, so speech starts quickly, and `rest` for the others.
 */
export function chunkText(text: string, first = 80, rest = 240): string[] {
  const sentences = text.match(/[^。！？；!?;\n]+[。！？；!?;\n]*|[。！？；!?;\n]+/g) ?? [];
  const chunks: string[] = [];
  let current = '';
  const limit = () => (chunks.length === 0 ? first : rest);
  const push = () => {
    const t = current.trim();
    if (WORDY.test(t)) chunks.push(t);
    current = '';
  };
  for (const raw of sentences) {
    const s = raw.replace(/\n/g, '。');
    if (current.length + s.length <= limit()) {
      current += s;
      continue;
    }
    push();
    let piece = s;
    while (piece.length > limit()) {
      const max = limit();
      const window = piece.slice(0, max);
      const cut = Math.max(window.lastIndexOf('，'), window.lastIndexOf(','), window.lastIndexOf('、'), window.lastIndexOf(' '));
      const at = cut > max / 3 ? cut + 1 : max;
      current = piece.slice(0, at);
      push();
      piece = piece.slice(at);
    }
    current = piece;
  }
  push();
  return chunks;
}
