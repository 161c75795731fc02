/** Small display helpers shared by the catalog pages. */
import type { ReactNode } from 'react';
import { useSite } from '../../api/session.js';

/** 到现场次数 in plain words. */
export function visitsText(visits: number): string {
  if (visits === 0) return '跑 0 次';
  if (visits === 1) return '最多跑一次';
  return `跑 ${visits} 次`;
}

export const LEVEL_NAMES = { town: '镇（街道）', village: '村（社区）' } as const;

/** A guidance row's template words, for guides shown without a place. */
export const genericText = (s: string) =>
  s
    .replaceAll('{townGov}', '镇人民政府（街道办事处）')
    .replaceAll('{villageName}', '村（社区）')
    .replaceAll('{village}', '村（居）民委员会')
    .replaceAll('{town}', '镇（街道）');

/** "0537-5501004、0537-12345" → one tel: link per number. */
export function PhoneLinks({ value }: { value: string }) {
  const parts = value
    .split(/[、，,；;\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <>
      {parts.map((p, i) => {
        const digits = p.replace(/[^\d]/g, '');
        return (
          <span key={`${p}-${i}`}>
            {i > 0 && '、'}
            {digits.length >= 5 ? <a href={`tel:${digits}`}>{p}</a> : p}
          </span>
        );
      })}
    </>
  );
}

const PHONE_IN_TEXT = /(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})/;

/** Free text (e.g. 联系人 "刘桂芝（帮办代办员）13905370006") with its phone numbers as tel: links. */
export function TextWithPhones({ text }: { text: string }) {
  const parts = text.split(PHONE_IN_TEXT);
  return (
    <>
      {parts.map((p, i) => (i % 2 === 1 ? <a key={i} href={`tel:${p.replace(/\D/g, '')}`}>{p}</a> : p))}
    </>
  );
}

/** The item name with the characters the search matched in <mark>. */
export function Highlighted({ text, ranges }: { text: string; ranges: { start: number; end: number }[] }) {
  const sorted = [...ranges].filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  if (sorted.length === 0) return <>{text}</>;
  const out: ReactNode[] = [];
  let at = 0;
  for (const r of sorted) {
    const start = Math.max(r.start, at);
    const end = Math.min(r.end, text.length);
    if (end <= start) continue;
    if (start > at) out.push(text.slice(at, start));
    out.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) out.push(text.slice(at));
  return <>{out}</>;
}

/** 如有疑问，请拨打咨询电话 …: the site's service number, for a page that could not show what was asked. */
export function AskByPhone() {
  const site = useSite();
  return (
    <p>
      如有疑问，请拨打咨询电话 <PhoneLinks value={site.data?.phone ?? '0537-12345'} />。
    </p>
  );
}
