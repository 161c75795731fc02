/**
 * Items by name from the published catalog: a search-as-you-type multiple choice whose value is
 * item codes (what a partner point, a self-service area or the service bus can do). For a Form.Item:
 * `initial` names the codes already chosen.
 */
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api/client.js';

/** Published items whose name matches what is typed (after a pause), and every name seen so far by code. */
function useItemSearch(initial: { code: string; name: string }[]) {
  const [names, setNames] = useState<Map<string, string>>(() => new Map(initial.map((i) => [i.code, i.name])));
  const [found, setFound] = useState<{ code: string; name: string }[]>([]);
  const [term, setTerm] = useState('');
  useEffect(() => {
    const q = term.trim();
    if (!q) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<{ items: { code: string; name: string }[] }>('/api/v1/items', { query: { q, pageSize: 20 }, signal: controller.signal })
        .then((r) => {
          setFound(r.items);
          setNames((m) => new Map([...m, ...r.items.map((i) => [i.code, i.name] as const)]));
        })
        .catch(() => setFound([]));
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [term]);
  const optionsFor = (chosen: string[]) =>
    [...new Set([...chosen, ...found.map((f) => f.code)])].map((code) => ({ value: code, label: `${names.get(code) ?? '（目录中已没有这个事项）'}（${code}）` }));
  return { term, setTerm, optionsFor };
}

export function ItemPicker({ initial, value, onChange, id }: { initial: { code: string; name: string }[]; value?: string[]; onChange?: (v: string[]) => void; id?: string }) {
  const search = useItemSearch(initial);
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      showSearch
      filterOption={false}
      onSearch={search.setTerm}
      options={search.optionsFor(value ?? [])}
      placeholder="输入事项名称搜索"
      notFoundContent={search.term.trim() ? '没有找到，换个说法试试' : '输入事项名称搜索'}
      maxCount={300}
    />
  );
}

/** One item by name from the published catalog (its value is the item code). */
export function ItemSelect({ initial, value, onChange, id, ...aria }: {
  initial: { code: string; name: string }[]; value?: string; onChange?: (v: string) => void; id?: string; 'aria-label'?: string;
}) {
  const search = useItemSearch(initial);
  return (
    <Select
      id={id}
      aria-label={aria['aria-label']}
      value={value}
      onChange={onChange}
      showSearch
      filterOption={false}
      onSearch={search.setTerm}
      options={search.optionsFor(value ? [value] : [])}
      placeholder="输入事项名称搜索"
      notFoundContent={search.term.trim() ? '没有找到，换个说法试试' : '输入事项名称搜索'}
    />
  );
}
