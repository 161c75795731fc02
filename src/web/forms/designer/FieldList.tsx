/**
 * The palette (add a field of a type) and the ordered list of the form's fields: pick one to edit
 * it, move it with 上移/下移 (the focus stays on the moved field's button), delete it.
 */
import {
  CalendarOutlined, CheckCircleOutlined, CheckSquareOutlined, EnvironmentOutlined, FieldNumberOutlined, FontSizeOutlined, IdcardOutlined,
  MobileOutlined, PaperClipOutlined, PlusOutlined, ProfileOutlined, TableOutlined, WarningFilled,
} from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { FIELD_TYPES, type FieldType } from '../../../shared/forms.js';
import type { DesignerField } from './model.js';
import { MoveButtons } from './parts.js';

const TYPE_ICONS: Record<FieldType, ReactNode> = {
  text: <FontSizeOutlined aria-hidden />,
  textarea: <ProfileOutlined aria-hidden />,
  number: <FieldNumberOutlined aria-hidden />,
  date: <CalendarOutlined aria-hidden />,
  choice: <CheckCircleOutlined aria-hidden />,
  multi_choice: <CheckSquareOutlined aria-hidden />,
  id_number: <IdcardOutlined aria-hidden />,
  phone: <MobileOutlined aria-hidden />,
  address: <EnvironmentOutlined aria-hidden />,
  table: <TableOutlined aria-hidden />,
  attachment: <PaperClipOutlined aria-hidden />,
};

export function Palette({ onAdd, full }: { onAdd: (type: FieldType) => void; full: boolean }) {
  return (
    <section aria-labelledby="fd-palette-h" className="card fd-panel">
      <h2 id="fd-palette-h" className="fd-panel__title">
        添加字段
      </h2>
      <p className="muted fd-panel__note">新字段加在所选字段之后。</p>
      <ul className="fd-palette">
        {(Object.keys(FIELD_TYPES) as FieldType[]).map((type) => (
          <li key={type}>
            <Button block icon={TYPE_ICONS[type]} disabled={full} onClick={() => onAdd(type)} aria-label={`添加字段：${FIELD_TYPES[type]}`}>
              {FIELD_TYPES[type]}
            </Button>
          </li>
        ))}
      </ul>
      {full && <p className="muted">表单字段已达 60 个上限。</p>}
    </section>
  );
}

export function FieldList({
  fields,
  selected,
  problemCounts,
  onSelect,
  onMove,
  onRemove,
}: {
  fields: DesignerField[];
  selected: string | null;
  problemCounts: Map<string, number>;
  onSelect: (uid: string) => void;
  onMove: (uid: string, delta: -1 | 1) => void;
  onRemove: (uid: string) => void;
}) {
  return (
    <section aria-labelledby="fd-fields-h" className="card fd-panel">
      <h2 id="fd-fields-h" className="fd-panel__title">
        表单字段（{fields.length}）
      </h2>
      {fields.length === 0 ? (
        <p className="fd-empty">
          <PlusOutlined aria-hidden /> 还没有字段。请从「添加字段」中选择类型。
        </p>
      ) : (
        <ol className="fd-fields">
          {fields.map((f, i) => {
            const current = f.uid === selected;
            const problems = problemCounts.get(f.uid) ?? 0;
            const source = f.showIf ? fields.find((x) => x.key === f.showIf!.field) : undefined;
            const name = `字段「${f.label || f.key}」`;
            return (
              <li key={f.uid} className={`fd-field${current ? ' fd-field--current' : ''}${problems ? ' fd-field--invalid' : ''}`}>
                <button type="button" id={`fd-pick-${f.uid}`} className="fd-field__pick" aria-current={current ? 'true' : undefined} onClick={() => onSelect(f.uid)}>
                  <span className="fd-field__no" aria-hidden>
                    {i + 1}
                  </span>
                  <span className="fd-field__text">
                    <span className="fd-field__label">
                      {f.label || <em>（未填写标题）</em>}
                      {f.required && <span className="fd-field__req">（必填）</span>}
                    </span>
                    <span className="fd-field__meta">
                      {TYPE_ICONS[f.type]} {FIELD_TYPES[f.type]}
                      {f.showIf && ` · 条件显示${source ? `（看「${source.label}」）` : ''}`}
                    </span>
                    {problems > 0 && (
                      <span className="fd-field__problem">
                        <WarningFilled aria-hidden /> {problems} 处需要修改
                      </span>
                    )}
                  </span>
                </button>
                <MoveButtons idBase={`fd-row-${f.uid}`} name={name} index={i} count={fields.length} onMove={(d) => onMove(f.uid, d)} onRemove={() => onRemove(f.uid)} />
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
