/**
 * The filter bar above a workbench list (办件工作台, 账号管理, 审计日志): a search form of labelled
 * fields with 查询 and 重置. Filters apply on 查询 (or Enter), not on every keystroke, so a clerk
 * can set several before the list reloads.
 */
import { Button, Select } from 'antd';
import type { FormEvent, ReactNode } from 'react';
import { SELECT_CLEAR } from './clear.js';

export function FilterBar({ label, onSearch, onReset, children }: {
  /** names the search landmark, e.g. 筛选办件 */
  label: string;
  onSearch: () => void;
  onReset: () => void;
  children: ReactNode;
}) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch();
  };
  return (
    <form className="toolbar" role="search" aria-label={label} onSubmit={submit}>
      {children}
      <div className="actions">
        <Button type="primary" htmlType="submit">
          查询
        </Button>
        <Button onClick={onReset}>重置</Button>
      </div>
    </form>
  );
}

/** One labelled field of a FilterBar; `id` is the control's. */
export function FilterField({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

/** A clearable choice of a FilterBar; nothing chosen means all (the placeholder says so: 全部…). */
export function FilterSelect<T extends string>({ id, label, value, onChange, placeholder, options }: {
  id: string;
  label: string;
  value: T | undefined;
  onChange: (value: T | undefined) => void;
  placeholder: string;
  options: { value: T; label: string }[];
}) {
  return (
    <FilterField id={id} label={label}>
      <Select id={id} value={value} onChange={(v: T | undefined) => onChange(v)} allowClear={SELECT_CLEAR} placeholder={placeholder} options={options} />
    </FilterField>
  );
}
