import { useQueries, useQueryClient } from '@tanstack/react-query';
import { TreeSelect, type TreeSelectProps } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { fetchRegion, fetchRegionChildren, regionChildrenKey, regionKey } from '../api/regions.js';
import type { Region } from '../api/types.js';

/** Names of regions seen so far, so a chosen value shows its name even before its branch loads. */
const knownNames = new Map<string, string>();
export const rememberRegionName = (code: string, name: string) => knownNames.set(code, name);

interface Node {
  title: string;
  value: string;
  key: string;
  isLeaf: boolean;
  children?: Node[];
}

export interface RegionRoot {
  code: string;
  name: string;
}

type Passthrough = Omit<TreeSelectProps, 'value' | 'onChange' | 'treeData' | 'loadData' | 'labelInValue' | 'multiple'>;

export interface RegionTreeSelectProps extends Passthrough {
  /** Top nodes: the regions the person may work in (a city admin: the city; a town admin: the town). */
  roots: RegionRoot[];
  value?: string | null;
  onChange?: (code: string | undefined) => void;
}

/**
 * A region picker that loads each level from /api/v1/regions only when it is opened.
 * Keyboard: ↓/↑ move, → opens a level, ← closes it, Enter chooses.
 */
export function RegionTreeSelect({ roots, value, onChange, ...rest }: RegionTreeSelectProps) {
  const queryClient = useQueryClient();
  const [childrenOf, setChildrenOf] = useState<Record<string, Region[]>>({});
  const rootDetails = useQueries({
    queries: roots.map((r) => ({ queryKey: regionKey(r.code), queryFn: () => fetchRegion(r.code), staleTime: Infinity })),
  });
  for (const r of roots) rememberRegionName(r.code, r.name);

  const treeData = useMemo(() => {
    const build = (code: string, title: string, isLeaf: boolean): Node => {
      const kids = childrenOf[code];
      return {
        title,
        value: code,
        key: code,
        isLeaf,
        ...(kids ? { children: kids.map((k) => build(k.code, k.name, !k.hasChildren)) } : {}),
      };
    };
    return roots.map((r, i) => build(r.code, r.name, rootDetails[i]?.data ? !rootDetails[i].data.hasChildren : false));
  }, [roots, rootDetails, childrenOf]);

  const loadData = useCallback(
    async (node: { value?: unknown }) => {
      const code = String(node.value);
      const kids = await queryClient.fetchQuery({ queryKey: regionChildrenKey(code), queryFn: () => fetchRegionChildren(code), staleTime: Infinity });
      for (const k of kids) rememberRegionName(k.code, k.name);
      setChildrenOf((prev) => (prev[code] ? prev : { ...prev, [code]: kids }));
    },
    [queryClient],
  );

  const labelled = value ? { value, label: knownNames.get(value) ?? value } : undefined;

  return (
    <TreeSelect
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      placeholder="请选择区划"
      notFoundContent="无匹配区划"
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 280, maxWidth: '92vw' } } }}
      {...rest}
      treeData={treeData}
      loadData={loadData}
      labelInValue
      value={labelled}
      onChange={(v: { value: string; label?: unknown } | undefined) => {
        if (v && typeof v.label === 'string') rememberRegionName(v.value, v.label);
        onChange?.(v?.value);
      }}
    />
  );
}

/** A fetched region's name, once known (for labels elsewhere). */
export const regionNameOf = (code: string | null | undefined) => (code ? knownNames.get(code) : undefined);
