import { useQueries, useQueryClient } from '@tanstack/react-query';
import { TreeSelect, type TreeSelectProps } from 'antd';
import { useCallback, useMemo, useRef, useState } from 'react';
import { regionQueries } from '../api/regions.js';
import type { Region } from '../api/types.js';
import { SELECT_CLEAR } from './clear.js';
import './RegionTreeSelect.css';

/**
 * Option values are 「名称（代码）」, not the bare code: the tree announces the active node's value
 * to screen readers, and a name is what a person should hear. codeOf() turns it back.
 */
const optionValue = (code: string, name: string | undefined) => (name ? `${name}（${code}）` : code);
const codeOf = (value: string) => /（(\d+)）$/.exec(value)?.[1] ?? value;

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

type Passthrough = Omit<TreeSelectProps, 'value' | 'onChange' | 'treeData' | 'loadData' | 'labelInValue' | 'multiple' | 'popupRender' | 'listHeight'>;

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
export function RegionTreeSelect({ roots, value, onChange, id, ...rest }: RegionTreeSelectProps) {
  const queryClient = useQueryClient();
  const [childrenOf, setChildrenOf] = useState<Record<string, Region[]>>({});
  const rootDetails = useQueries({ queries: roots.map((r) => regionQueries.one(r.code)) });
  for (const r of roots) rememberRegionName(r.code, r.name);

  const treeData = useMemo(() => {
    const build = (code: string, title: string, isLeaf: boolean): Node => {
      const kids = childrenOf[code];
      return {
        title,
        value: optionValue(code, title),
        key: code,
        isLeaf,
        ...(kids ? { children: kids.map((k) => build(k.code, k.name, !k.hasChildren)) } : {}),
      };
    };
    return roots.map((r, i) => build(r.code, r.name, rootDetails[i]?.data ? !rootDetails[i].data.hasChildren : false));
  }, [roots, rootDetails, childrenOf]);

  const loadData = useCallback(
    async (node: { value?: unknown }) => {
      const code = codeOf(String(node.value));
      const kids = await queryClient.fetchQuery(regionQueries.children(code));
      for (const k of kids) rememberRegionName(k.code, k.name);
      setChildrenOf((prev) => (prev[code] ? prev : { ...prev, [code]: kids }));
    },
    [queryClient],
  );

  const labelled = value ? { value: optionValue(value, knownNames.get(value)), label: knownNames.get(value) ?? value } : undefined;
  const popupRef = useRef<HTMLDivElement>(null);

  // The popup scrolls in our wrapper (see popupRender), so keep the keyboard's active node in view.
  const keepActiveInView = () =>
    window.requestAnimationFrame(() => popupRef.current?.querySelector('.ant-select-tree-treenode-active')?.scrollIntoView({ block: 'nearest' }));

  return (
    <TreeSelect
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={SELECT_CLEAR}
      placeholder="请选择区划"
      notFoundContent="无匹配区划"
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 280, maxWidth: '92vw' } } }}
      {...rest}
      id={id}
      treeData={treeData}
      loadData={loadData}
      labelInValue
      value={labelled}
      onChange={(v: { value: string; label?: unknown } | undefined) => {
        const code = v ? codeOf(v.value) : undefined;
        if (code && typeof v?.label === 'string') rememberRegionName(code, v.label);
        onChange?.(code);
      }}
      onKeyDown={keepActiveInView}
      // antd's TreeSelect points the combobox (aria-controls/aria-owns) at "<id>_list", which it
      // never renders, and scrolls a list that cannot take focus. The wrapper fixes both: it is the
      // element those attributes name, and it is the one focusable scrolling region.
      listHeight={0}
      popupRender={(menu) => (
        <div id={id ? `${id}_list` : undefined} ref={popupRef} tabIndex={0} className="region-tree-popup" role="group" aria-label="区划列表">
          {menu}
        </div>
      )}
    />
  );
}

/** A fetched region's name, once known (for labels elsewhere). */
export const regionNameOf = (code: string | null | undefined) => (code ? knownNames.get(code) : undefined);
