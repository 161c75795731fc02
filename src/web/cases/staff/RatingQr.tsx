/**
 * 评价二维码 on a handled case's page: a new window rating link for the case (POST /ratings/links),
 * shown as its QR code for the person at the window to scan and rate on their phone, with the
 * address and the last day it is taken. The server's SVG is shown as an image (data: URL), never
 * put into the page's markup.
 */
import { QrcodeOutlined } from '@ant-design/icons';
import { Button, Modal } from 'antd';
import { useState } from 'react';
import type { CaseStatus } from '../../../shared/cases.js';
import { errorMessage } from '../../api/client.js';
import { useRatingLink } from '../../api/ratingsStaff.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { PageLoading } from '../../components/PageLoading.js';
import { useMediaQuery } from '../../components/useMediaQuery.js';
import './RatingQr.css';

/** 办结 (a decision, delivered or not) and 不予受理: the cases that may be rated. */
const HANDLED: readonly CaseStatus[] = ['approved', 'denied', 'delivered', 'refused'];
export const isHandledCase = (status: CaseStatus) => HANDLED.includes(status);

/** An SVG document as a data: URL (base64 of its UTF-8 bytes). */
function svgDataUrl(svg: string): string {
  let binary = '';
  for (const b of new TextEncoder().encode(svg)) binary += String.fromCharCode(b);
  return `data:image/svg+xml;base64,${window.btoa(binary)}`;
}

export function RatingQrButton({ caseId, caseNo }: { caseId: string; caseNo: string }) {
  const [open, setOpen] = useState(false);
  const link = useRatingLink();
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const show = () => {
    setOpen(true);
    link.reset();
    link.mutate(caseId);
  };
  const data = link.data;
  return (
    <>
      <Button icon={<QrcodeOutlined aria-hidden />} onClick={show}>
        评价二维码
      </Button>
      <Modal
        open={open}
        title="评价二维码"
        onCancel={() => setOpen(false)}
        width={isMobile ? '100%' : 460}
        destroyOnHidden
        footer={<Button onClick={() => setOpen(false)}>关闭</Button>}
      >
        {link.isPending && <PageLoading label="正在生成评价二维码…" />}
        {link.isError && <ErrorAlert title={`未能生成评价二维码：${errorMessage(link.error)}`} />}
        {data && (
          <div className="rating-qr">
            <p style={{ margin: 0 }}>办件编号 {data.caseNo}</p>
            <img src={svgDataUrl(data.qrSvg)} alt={`办件 ${caseNo} 的评价二维码`} width={240} height={240} />
            <p style={{ margin: 0, fontWeight: 600 }}>{data.until ? `请群众扫码评价（${data.until} 前有效）` : '请群众扫码评价'}</p>
            <p className="rating-qr__url" style={{ margin: 0 }}>
              评价地址：{data.url}
            </p>
            <p className="muted" style={{ margin: 0 }}>
              群众用手机扫码即可评价，无需登录；每个办件只能评价一次。
            </p>
          </div>
        )}
      </Modal>
    </>
  );
}
