import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Space } from 'antd';
import type { ReactNode } from 'react';
import { FieldGroup } from '../../components/FieldGroup.js';
import './formParts.css';

/**
 * A checkbox group of codes, as a FieldGroup (`<fieldset>` + `<legend>`): put it in a Form.Item
 * without `label` (a `<label for>` cannot name antd's Checkbox.Group, a plain div).
 */
export function CodeChecks({
  list,
  disabled,
  ...group
}: {
  id?: string;
  value?: string[];
  onChange?: (v: string[]) => void;
  list: Record<string, string>;
  legend: string;
  required?: boolean;
  disabled?: boolean;
  'aria-describedby'?: string;
}) {
  return (
    <FieldGroup {...group}>
      <Checkbox.Group disabled={disabled} options={Object.entries(list).map(([value, l]) => ({ value, label: l }))} className="code-checks" />
    </FieldGroup>
  );
}

/** One element of a repeated list (a material, a step…): a fieldset with move and delete buttons. */
export function ListBlock({
  legend,
  index,
  count,
  readOnly,
  onMove,
  onRemove,
  children,
}: {
  /** e.g. 第 2 项材料：户口簿 */
  legend: string;
  index: number;
  count: number;
  readOnly: boolean;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
  children: ReactNode;
}) {
  return (
    <fieldset className="list-block">
      <legend>{legend}</legend>
      {children}
      {!readOnly && (
        <Space wrap className="list-block__actions">
          <Button size="small" icon={<ArrowUpOutlined aria-hidden />} disabled={index === 0} onClick={() => onMove(index, index - 1)} aria-label={`上移：${legend}`}>
            上移
          </Button>
          <Button size="small" icon={<ArrowDownOutlined aria-hidden />} disabled={index === count - 1} onClick={() => onMove(index, index + 1)} aria-label={`下移：${legend}`}>
            下移
          </Button>
          <Button size="small" danger icon={<DeleteOutlined aria-hidden />} onClick={() => onRemove(index)} aria-label={`删除：${legend}`}>
            删除
          </Button>
        </Space>
      )}
    </fieldset>
  );
}

/** Problems and lint notes set on a whole list (e.g. 办理流程 缺少“送达”). */
export function ListMessages({ errors, warnings }: { errors: ReactNode[]; warnings: ReactNode[] }) {
  if (errors.length === 0 && warnings.length === 0) return null;
  return <Form.ErrorList errors={errors} warnings={warnings} className="list-messages" />;
}

/** A section of the item form: an h2 (focus target of the section links) and its fields. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-h`} className="card item-section">
      <h2 id={`${id}-h`} tabIndex={-1} className="item-section__title">
        {title}
      </h2>
      {children}
    </section>
  );
}
