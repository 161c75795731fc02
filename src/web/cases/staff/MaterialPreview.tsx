import { DownloadOutlined, ExportOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Drawer, Space } from 'antd';
import type { CaseMaterial } from '../../api/cases.js';
import { useMediaQuery } from '../../components/useMediaQuery.js';

/** Types shown in place (the server sends only these inline: files/routes.ts PREVIEW_TYPES). */
const PREVIEW_TYPES: readonly string[] = ['application/pdf', 'image/jpeg', 'image/png'];

export type PreviewableMaterial = CaseMaterial & { fileId: string; file: NonNullable<CaseMaterial['file']> };

/** A material whose file a browser can show: a PDF or an image. */
export const canPreview = (m: CaseMaterial): m is PreviewableMaterial => Boolean(m.fileId && m.file && PREVIEW_TYPES.includes(m.file.mime));

const fileHref = (fileId: string) => `/api/v1/files/${encodeURIComponent(fileId)}`;
/** The file sent inline, framed by this site's pages only (the server's headers for `inline=1`). */
export const previewHref = (fileId: string) => `${fileHref(fileId)}?inline=1`;

/**
 * 预览: a material's PDF (in a frame: the browser's own viewer) or image, beside the case, with the
 * previous and next material and a way out to a new window or a download.
 */
export function MaterialPreview({ materials, index, onIndex, onClose }: {
  materials: PreviewableMaterial[];
  /** which is shown, or null when closed */
  index: number | null;
  onIndex: (index: number) => void;
  onClose: () => void;
}) {
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const m = index === null ? undefined : materials[index];
  const isPdf = m?.file.mime === 'application/pdf';
  return (
    <Drawer
      open={Boolean(m)}
      onClose={onClose}
      title={m ? `预览：${m.name}` : '预览'}
      size={isMobile ? '100%' : 960}
      destroyOnHidden
      className="case-preview"
      extra={m && (
        <Space wrap>
          <Button href={previewHref(m.fileId)} target="_blank" rel="noreferrer" icon={<ExportOutlined aria-hidden />} aria-label={`在新窗口打开：${m.name}`}>
            新窗口打开
          </Button>
          <Button href={fileHref(m.fileId)} icon={<DownloadOutlined aria-hidden />} aria-label={`下载：${m.name}`}>
            下载
          </Button>
        </Space>
      )}
      footer={m && materials.length > 1 && (
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Button icon={<LeftOutlined aria-hidden />} disabled={index === 0} onClick={() => onIndex(index! - 1)}>
            上一份
          </Button>
          <span className="muted">
            第 {index! + 1} 份，共 {materials.length} 份
          </span>
          <Button disabled={index === materials.length - 1} onClick={() => onIndex(index! + 1)}>
            下一份 <RightOutlined aria-hidden />
          </Button>
        </Space>
      )}
    >
      {m && (
        <>
          <p className="muted" style={{ marginTop: 0 }}>
            文件：{m.file.name}（{isPdf ? 'PDF' : '图片'}，{Math.max(1, Math.round(m.file.size / 1024))} KB）
          </p>
          {isPdf ? (
            <iframe key={m.fileId} className="case-preview__pdf" src={previewHref(m.fileId)} title={`${m.name}（PDF 预览）`} />
          ) : (
            <img key={m.fileId} className="case-preview__image" src={previewHref(m.fileId)} alt={`${m.name}（${m.file.name}）`} />
          )}
        </>
      )}
    </Drawer>
  );
}
