import { cloneElement, type ReactElement } from 'react';
import './controls.css';

/**
 * A group of choices (antd Radio.Group, Checkbox.Group) as a `<fieldset>` whose `<legend>` is its
 * visible label, for use as the child of a Form.Item that has no `label`:
 *
 *   <Form.Item name="deliveryMethod" rules={…}>
 *     <FieldGroup legend="结果送达方式" required>
 *       <Radio.Group options={…} />
 *     </FieldGroup>
 *   </Form.Item>
 *
 * A Form.Item `label` renders `<label for>`, which can only name a single control: pointed at a
 * group's `<div>` it names nothing (html-validate `valid-for`). The Form.Item's value, onChange
 * and ARIA props are passed on to the group (an onChange of the group's own still runs, after the
 * form's); the Form.Item's help/extra text describes the fieldset.
 */
export function FieldGroup({
  id,
  legend,
  required,
  children,
  'aria-describedby': describedBy,
  // Not passed on: a Checkbox.Group is a plain div, where ARIA allows neither (the legend shows "required").
  'aria-required': _required,
  'aria-invalid': _invalid,
  ...control
}: {
  id?: string;
  legend: string;
  /** Shows the required mark the way antd marks a required field's label. */
  required?: boolean;
  children: ReactElement<Record<string, unknown>>;
  'aria-describedby'?: string;
  'aria-required'?: unknown;
  'aria-invalid'?: unknown;
  [prop: string]: unknown;
}) {
  // Like Form.Item itself: the form's onChange first, then the group's own (if it has one).
  const own = children.props.onChange;
  const formChange = control.onChange;
  const props =
    typeof own === 'function' && typeof formChange === 'function'
      ? {
          ...control,
          onChange: (...args: unknown[]) => {
            formChange(...args);
            own(...args);
          },
        }
      : control;
  return (
    <fieldset id={id} className="field-group" aria-describedby={describedBy}>
      <legend className={required ? 'field-group__legend field-group__legend--required' : 'field-group__legend'}>{legend}</legend>
      {cloneElement(children, props)}
    </fieldset>
  );
}
