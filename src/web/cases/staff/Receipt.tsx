import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { Guide } from '../../api/catalog.js';
import { trackPath, type CaseDetail } from '../../api/cases.js';
import { useSite } from '../../api/session.js';
import { DescRow } from '../../components/DescRow.js';
import { chinaDateTime } from '../../dates.js';
import { channelLabel, deliveryLabel } from './labels.js';

/** The tracking address's QR code as an SVG data URL (drawn in the browser; no request leaves the page). */
function useQr(text: string) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })
      .then((svg) => live && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [text]);
  return src;
}

/**
 * 收件回执: what the window hands the applicant — case number, item, applicant (masked ID), the
 * materials received, the promised time limit, and where to follow the case (URL and QR code).
 * Laid out for A4 / receipt printing (cases.css hides everything else when printing).
 */
export function Receipt({ c, guide }: { c: CaseDetail; guide: Guide | undefined }) {
  const site = useSite();
  const url = new URL(trackPath(c.caseNo), window.location.origin).toString();
  const qr = useQr(url);
  const limit = guide?.promisedLimit.text ?? (c.promisedDays === null ? '—' : c.promisedDays === 0 ? '即办' : `${c.promisedDays} 个工作日`);
  const local = guide?.local;
  return (
    <article className="receipt" aria-labelledby="receipt-title">
      <header className="receipt__header">
        <p className="receipt__org">{local?.implementingBody ?? `${c.regionName}`}</p>
        <h2 id="receipt-title" className="receipt__title">
          收件回执
        </h2>
        <p className="receipt__no">
          办件编号 <strong className="case-no">{c.caseNo}</strong>
        </p>
      </header>
      <div className="receipt__body">
        <dl className="receipt__kv">
          <DescRow term="申请事项">{c.itemName}</DescRow>
          <DescRow term="申请人">{c.applicantName}</DescRow>
          <DescRow term={c.applicantKind === 'org' ? '统一社会信用代码' : '身份证号码'}>{c.applicantIdMasked}</DescRow>
          <DescRow term="联系电话">{c.phoneMasked}</DescRow>
          <DescRow term="收件地点">
            {c.regionName}
            {local?.window ? ` · ${local.window}` : ''}
          </DescRow>
          {c.handlingRegionCode !== c.regionCode && (
            <DescRow term="办理单位">{c.handlingRegionName}（本地收件后转报）</DescRow>
          )}
          <DescRow term="收件时间">{chinaDateTime(c.createdAt)}</DescRow>
          <DescRow term="收件人">
            {c.agentName ?? '—'}（{channelLabel(c.channel)}）
          </DescRow>
          <DescRow term="承诺时限">
            {limit}
            {c.promisedDays ? '（自受理之日起，按工作日计算）' : ''}
          </DescRow>
          <DescRow term="结果送达">{deliveryLabel(c.deliveryMethod)}</DescRow>
          {local?.consultPhone && (
            <DescRow term="咨询电话">{local.consultPhone}</DescRow>
          )}
        </dl>
        <figure className="receipt__qr">
          {qr ? <img src={qr} width={132} height={132} alt={`办件进度查询二维码：${url}`} /> : <div className="receipt__qr-missing">二维码生成中…</div>}
          <figcaption>扫码查询办理进度</figcaption>
        </figure>
      </div>
      <table className="receipt__materials">
        <caption>收取的材料（共 {c.materials.length} 份）</caption>
        <thead>
          <tr>
            <th scope="col">序号</th>
            <th scope="col">材料名称</th>
            <th scope="col">收取方式</th>
            <th scope="col">原件核验</th>
            <th scope="col">份数</th>
          </tr>
        </thead>
        <tbody>
          {c.materials.map((m, i) => (
            <tr key={m.materialId}>
              <td>{i + 1}</td>
              <td>{m.name}</td>
              <td>{m.source === 'paper' ? '纸质' : m.source === 'upload' ? '电子（扫描/上传）' : '电子证照'}</td>
              <td>{m.checkedOriginal ? '已核验' : '—'}</td>
              <td>{m.source === 'paper' ? m.copies : '—'}</td>
            </tr>
          ))}
          {c.materials.length === 0 && (
            <tr>
              <td colSpan={5}>未收取材料</td>
            </tr>
          )}
        </tbody>
      </table>
      <p className="receipt__track">
        查询办理进度：访问 <span className="break-all">{url}</span>，输入申请时预留的手机号码即可查看；也可拨打 {local?.consultPhone || site.data?.phone || '0537-12345'} 咨询。
      </p>
      <p className="receipt__note">本回执仅证明已收到上述申请材料，不代表已受理。受理、补正或不予受理将另行告知。请妥善保管本回执。</p>
      <div className="receipt__sign">
        <span>申请人（签字）：</span>
        <span>收件人：{c.agentName ?? ''}</span>
      </div>
    </article>
  );
}
