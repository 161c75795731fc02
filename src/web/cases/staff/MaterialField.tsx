import { Button, Checkbox, InputNumber, Radio, Space } from 'antd';
import { useId, useState } from 'react';
import { useUploadCaseFile, type MaterialInput } from '../../api/cases.js';
import { errorMessage } from '../../api/client.js';
import { FilePicker } from '../../admin/catalog/FilePicker.js';

/** What the window did with one material: scanned/uploaded it, took the paper, used the applicant's 电子证照, or not received. */
export interface MaterialValue {
  source: 'upload' | 'paper' | 'licence' | 'none';
  fileId?: string;
  fileName?: string;
  checkedOriginal: boolean;
  copies: number;
}

export const EMPTY_MATERIAL: MaterialValue = { source: 'none', checkedOriginal: false, copies: 1 };

export const UPLOAD_ACCEPT = '.pdf,.ofd,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/** The request's material entry, or null when nothing was received (or an upload is still missing). */
export function toMaterialInput(materialId: string, v: MaterialValue | undefined): MaterialInput | null {
  if (!v || v.source === 'none') return null;
  if (v.source === 'upload') return v.fileId ? { materialId, source: 'upload', fileId: v.fileId, checkedOriginal: v.checkedOriginal, copies: 0 } : null;
  // the server finds the licence by the applicant's ID number (or says it has none: a problem at this material)
  if (v.source === 'licence') return { materialId, source: 'licence', checkedOriginal: false, copies: 0 };
  return { materialId, source: 'paper', checkedOriginal: v.checkedOriginal, copies: v.copies };
}

/**
 * One material at the window: 扫描/上传 (PDF, JPG, PNG, OFD ≤ 20 MB, checked by content on the
 * server) or 纸质收取 with 已核验原件 and the number of copies. `name` is the material's name, used
 * in every control's accessible name so a list of many reads clearly. `licenceType`: the 电子证照
 * that can stand in for it (when a licence library is connected) — 使用电子证照（免提交） is then a
 * way of handing it in, looked up by the applicant's ID number when the application is submitted.
 */
export function MaterialField({
  materialId,
  name,
  value,
  onChange,
  invalid,
  licenceType,
}: {
  materialId: string;
  name: string;
  value: MaterialValue;
  onChange: (v: MaterialValue) => void;
  invalid?: boolean;
  licenceType?: string | null;
}) {
  const id = useId();
  const upload = useUploadCaseFile();
  const busy = upload.isPending;
  const [error, setError] = useState<string | null>(null);

  const pick = async (file: File) => {
    if (file.size > 20 * 1024 * 1024) {
      setError(`「${file.name}」超过 20 MB，请压缩或分页扫描后再上传`);
      return;
    }
    setError(null);
    try {
      const f = await upload.mutateAsync(file);
      onChange({ ...value, source: 'upload', fileId: f.id, fileName: f.name });
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <div className="material-field">
      <Radio.Group
        value={value.source}
        onChange={(e) => onChange({ ...value, source: e.target.value as MaterialValue['source'] })}
        aria-label={`「${name}」的收取方式`}
        optionType="button"
        options={[
          ...(licenceType ? [{ value: 'licence', label: '使用电子证照（免提交）' }] : []),
          { value: 'upload', label: '扫描/上传' },
          { value: 'paper', label: '纸质收取' },
          { value: 'none', label: '未收取' },
        ]}
      />
      {value.source === 'upload' && (
        <div className="material-field__row">
          {value.fileId ? (
            <span>
              <a href={`/api/v1/files/${value.fileId}`} target="_blank" rel="noreferrer">
                {value.fileName ?? '已上传的文件'}
              </a>
              <span className="muted">（已上传）</span>
            </span>
          ) : (
            <span className={invalid ? 'field-error' : 'muted'}>尚未上传</span>
          )}
          <Space wrap>
            <FilePicker
              accept={UPLOAD_ACCEPT}
              onPick={pick}
              disabled={busy}
              testId={`upload-${materialId}`}
              buttonProps={{ 'aria-label': `${value.fileId ? '重新上传' : '上传'}：${name}`, 'aria-busy': busy || undefined }}
            >
              {busy ? '正在上传…' : value.fileId ? '重新上传' : '选择文件'}
            </FilePicker>
            {value.fileId && (
              <Button onClick={() => onChange({ ...value, fileId: undefined, fileName: undefined })} aria-label={`移除文件：${name}`}>
                移除
              </Button>
            )}
          </Space>
        </div>
      )}
      {value.source === 'licence' && licenceType && (
        <div className="material-field__row muted">
          提交时按申请人的证件号码在证照库中查找其「{licenceType}」，无需收取纸质或扫描材料；查不到的，请改为扫描/上传或纸质收取。
        </div>
      )}
      {value.source === 'paper' && (
        <div className="material-field__row">
          <Checkbox checked={value.checkedOriginal} onChange={(e) => onChange({ ...value, checkedOriginal: e.target.checked })} aria-label={`已核验原件：${name}`}>
            已核验原件
          </Checkbox>
          <span className="material-field__copies">
            <label htmlFor={`${id}-copies`}>份数</label>
            <InputNumber
              id={`${id}-copies`}
              min={0}
              max={99}
              precision={0}
              value={value.copies}
              onChange={(n) => onChange({ ...value, copies: typeof n === 'number' ? n : 0 })}
              aria-label={`份数：${name}`}
              style={{ width: 88 }}
            />
          </span>
        </div>
      )}
      {value.source === 'upload' && value.fileId && (
        <div className="material-field__row">
          <Checkbox checked={value.checkedOriginal} onChange={(e) => onChange({ ...value, checkedOriginal: e.target.checked })} aria-label={`扫描件已与原件核对：${name}`}>
            扫描件已与原件核对
          </Checkbox>
        </div>
      )}
      <div role="status" aria-live="polite">
        {error && <span className="field-error">上传失败：{error}</span>}
      </div>
    </div>
  );
}
