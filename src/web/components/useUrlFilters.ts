import { useSearchParams } from 'react-router';

/**
 * A filtered, paged list keeps its filters in the address, so it can be shared, reloaded and gone
 * back to. `names` are the filters' search parameters: their values as the address holds them, the
 * page (1 when missing or not a number), and `apply` to write a new set — blank values left out,
 * text trimmed, page 1 not written.
 */
export function useUrlFilters<K extends string>(names: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values: Partial<Record<K, string>> = {};
  for (const name of names) {
    const v = params.get(name);
    if (v !== null) values[name] = v;
  }
  const page = Math.max(1, Number(params.get('page')) || 1);
  const apply = (next: Partial<Record<K, string>> & { page?: number }) => {
    const p = new URLSearchParams();
    for (const name of names) {
      const v = next[name]?.trim();
      if (v) p.set(name, v);
    }
    if (next.page && next.page > 1) p.set('page', String(next.page));
    setParams(p);
  };
  return { values, page, apply };
}
