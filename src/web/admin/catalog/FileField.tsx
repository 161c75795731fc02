import { Button, Space } from 'antd';
import { useState } from 'react';
import { useUploadCatalogFile } from '../../api/catalogAdmin.js';
import { errorMessage } from '../../api/client.js';
import { FilePicker } from './FilePicker.js';

export const ATTACHMENT_ACCEPT = '.pdf,.ofd,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png';

/** Names of files uploaded during this visit (the item only stores the id). */
const uploadedNames = new Map<string, string>();

/**
 * An attachment of a catalog item (blank form, sample, result sample): the value is the file id
 * from /api/v1/admin/files; the field shows a link to the file, and lets a draft replace or
 * remove it. `id` (from Form.Item) goes on the upload button, so the field's label names it.
 */
export function FileField({
  id,
  value,
  onChange,
  disabled,
  what,
}: {
  id?: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
  disabled?: boolean;
  /** e.g. 「最低生活保障申请书」的空白表格 — used in button names */
  what: string;
}) {
  const upload = useUploadCatalogFile();
  const busy = upload.isPending;
  const [error, setError] = useState<string | null>(null);
  const pick = async (file: File) => {
    setError(null);
    try {
      const f = await upload.mutateAsync(file);
      uploadedNames.set(f.id, f.name);
      onChange?.(f.id);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const name = value ? (uploadedNames.get(value) ?? '已上传的文件') : null;
  return (
    <div>
      {value ? (
        <p style={{ margin: '0 0 8px' }}>
          <a href={`/api/v1/files/${value}`} target="_blank" rel="noreferrer">
            {name}
          </a>
          <span className="muted">（在新窗口打开）</span>
        </p>
      ) : (
        <p className="muted" style={{ margin: '0 0 8px' }}>
          未上传
        </p>
      )}
      {!disabled && (
        <Space wrap>
          <FilePicker accept={ATTACHMENT_ACCEPT} onPick={pick} disabled={busy} buttonProps={{ id, 'aria-label': `${value ? '更换文件' : '上传文件'}：${what}` }}>
            {busy ? '正在上传…' : value ? '更换文件' : '上传文件'}
          </FilePicker>
          {value && (
            <Button onClick={() => onChange?.(null)} aria-label={`移除：${what}`}>
              移除
            </Button>
          )}
        </Space>
      )}
      <div role="status" aria-live="polite">
        {error && <span className="field-error">上传失败：{error}</span>}
      </div>
    </div>
  );
}
