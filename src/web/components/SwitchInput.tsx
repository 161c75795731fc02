import type { ChangeEvent } from 'react';
import './controls.css';

/**
 * An on/off switch for the workbench: a native `<input type="checkbox" role="switch">` drawn as a
 * switch, used instead of antd's Switch (a `<button>` with a `<div>` inside, which HTML does not
 * allow). The checkbox is labelable, so a Form.Item's `<label for>` names it; keyboard (Space),
 * form reset and screen readers ("开关，已打开") behave as for any checkbox.
 *
 * The state is also shown in words beside it (`onText` / `offText`, not colour alone); the words
 * are hidden from screen readers, which announce the switch's state themselves.
 *
 * In a Form.Item: `<Form.Item label="…" name="x" valuePropName="checked"><SwitchInput … /></Form.Item>`.
 */
export function SwitchInput({
  id,
  checked = false,
  onChange,
  disabled,
  onText,
  offText,
  'aria-label': ariaLabel,
  'aria-describedby': describedBy,
}: {
  id?: string;
  checked?: boolean;
  onChange?: (checked: boolean, e: ChangeEvent<HTMLInputElement>) => void;
  disabled?: boolean;
  /** Words shown beside the switch when on / off, e.g. 实施 / 不实施. */
  onText?: string;
  offText?: string;
  /** Needed when no `<label>` names the switch (e.g. in a table cell). */
  'aria-label'?: string;
  'aria-describedby'?: string;
}) {
  const words = checked ? onText : offText;
  return (
    <span className="switch-input">
      <span className="switch-input__box">
        <input
          id={id}
          type="checkbox"
          role="switch"
          className="switch-input__control"
          checked={checked}
          disabled={disabled}
          aria-label={ariaLabel}
          aria-describedby={describedBy}
          onChange={(e) => onChange?.(e.target.checked, e)}
        />
        <span className="switch-input__knob" aria-hidden="true" />
      </span>
      {words && (
        <span className="switch-input__words" aria-hidden="true">
          {words}
        </span>
      )}
    </span>
  );
}
