import { Input, type GetProps, type GetRef } from 'antd';
import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, type Ref } from 'react';

/**
 * antd's TextArea that grows with its text from `minRows` to `maxRows` lines (then scrolls).
 * Use it instead of `<Input.TextArea autoSize>`: antd measures autoSize with a hidden `<textarea>`
 * it appends to `<body>` and leaves there, `aria-hidden` yet focusable (antd writes its tabindex as
 * "tab-index"), which screen readers and HTML checkers rightly object to. This one measures the
 * field itself (`scrollHeight`), so the page holds only the fields it shows.
 */
type TextAreaProps = GetProps<typeof Input.TextArea>;
type TextAreaRef = GetRef<typeof Input.TextArea>;

export function AutoTextArea({
  minRows = 2,
  maxRows = 6,
  ref,
  onChange,
  ...props
}: Omit<TextAreaProps, 'autoSize' | 'rows'> & { minRows?: number; maxRows?: number; ref?: Ref<TextAreaRef> }) {
  const inner = useRef<TextAreaRef>(null);
  useImperativeHandle(ref, () => inner.current!, []);

  const fit = useCallback(() => {
    const el = inner.current?.resizableTextArea?.textArea;
    if (!el) return;
    const cs = getComputedStyle(el);
    const line = parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.5;
    const border = parseFloat(cs.borderTopWidth) + parseFloat(cs.borderBottomWidth);
    const max = line * maxRows + parseFloat(cs.paddingTop) + parseFloat(cs.paddingBottom) + border;
    // `height: auto` falls back to `rows` (minRows), so scrollHeight is at least that.
    el.style.height = 'auto';
    const needed = el.scrollHeight + border;
    el.style.height = `${Math.ceil(Math.min(needed, max))}px`;
    el.style.overflowY = needed > max + 1 ? 'auto' : 'hidden';
  }, [maxRows]);

  useLayoutEffect(fit, [fit, props.value]);

  // Lines rewrap when the field gets narrower or wider.
  useEffect(() => {
    const el = inner.current?.resizableTextArea?.textArea;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let width = el.clientWidth;
    const observer = new ResizeObserver(() => {
      if (el.clientWidth === width) return;
      width = el.clientWidth;
      fit();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [fit]);

  return (
    <Input.TextArea
      {...props}
      ref={inner}
      rows={minRows}
      onChange={(e) => {
        onChange?.(e);
        fit();
      }}
    />
  );
}
