import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button, Form, Space } from 'antd';
import type { ReactNode } from 'react';

/** Runs after React has committed the update this event caused (a timer, so it also runs in a background tab). */
export const afterRender = (run: () => void): void => void window.setTimeout(run, 0);

/** Focuses the first enabled element of these ids after React has re-rendered (e.g. a moved row's button). */
export function focusSoon(...ids: string[]): void {
  afterRender(() => {
    for (const id of ids) {
      const el = document.getElementById(id) as HTMLButtonElement | HTMLInputElement | null;
      if (el && !el.disabled) {
        el.focus();
        return;
      }
    }
  });
}

export interface ControlA11y {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/**
 * One property of the panel: a label tied to its control, the problems (from the shared schema or
 * the server) under it and tied to it by aria-describedby, and an optional note.
 */
export function Prop({
  id,
  label,
  problems,
  extra,
  children,
}: {
  id: string;
  label: ReactNode;
  problems?: string[];
  extra?: ReactNode;
  children: (a11y: ControlA11y) => ReactNode;
}) {
  const invalid = Boolean(problems?.length);
  const describedBy = [invalid ? `${id}-err` : '', extra ? `${id}-extra` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <Form.Item
      label={label}
      htmlFor={id}
      validateStatus={invalid ? 'error' : undefined}
      help={invalid ? <span id={`${id}-err`}>{problems!.join('；')}</span> : undefined}
      extra={extra ? <span id={`${id}-extra`}>{extra}</span> : undefined}
    >
      {children({ id, 'aria-invalid': invalid ? true : undefined, 'aria-describedby': describedBy })}
    </Form.Item>
  );
}

/** Problems set on a whole list or group (shown under it, announced). */
export function GroupProblems({ id, problems }: { id: string; problems?: string[] }) {
  if (!problems?.length) return null;
  return (
    <ul id={id} className="fd-problems" role="alert">
      {problems.map((p, i) => (
        <li key={i}>{p}</li>
      ))}
    </ul>
  );
}

/**
 * 上移 / 下移 / 删除 for one row of a list. After a move the same button of the moved row keeps the
 * focus (or its other move button, when the row reached an end), so a keyboard user can keep going.
 */
export function MoveButtons({
  idBase,
  name,
  index,
  count,
  onMove,
  onRemove,
  removeLabel = '删除',
}: {
  /** a stable id prefix of the row (its uid) */
  idBase: string;
  /** the row's name for screen readers, e.g. 字段「姓名」 */
  name: string;
  index: number;
  count: number;
  onMove: (delta: -1 | 1) => void;
  onRemove?: () => void;
  removeLabel?: string;
}) {
  const up = `${idBase}-up`;
  const down = `${idBase}-down`;
  return (
    <Space size={4} wrap className="fd-move">
      <Button
        id={up}
        size="small"
        icon={<ArrowUpOutlined aria-hidden />}
        disabled={index === 0}
        aria-label={`上移${name}`}
        onClick={() => {
          onMove(-1);
          focusSoon(up, down);
        }}
      >
        上移
      </Button>
      <Button
        id={down}
        size="small"
        icon={<ArrowDownOutlined aria-hidden />}
        disabled={index === count - 1}
        aria-label={`下移${name}`}
        onClick={() => {
          onMove(1);
          focusSoon(down, up);
        }}
      >
        下移
      </Button>
      {onRemove && (
        <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${removeLabel}${name}`} onClick={onRemove}>
          {removeLabel}
        </Button>
      )}
    </Space>
  );
}
