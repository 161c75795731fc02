import { App, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { sheetProblems, type SheetProblem } from '../../api/catalogAdmin.js';
import { errorMessage } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ActionModal } from './ActionModal.js';
import { FilePicker } from './FilePicker.js';
import { ProblemTable } from './ProblemTable.js';

const XLSX_ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Choose an .xlsx, import it; a refused workbook lists every problem (sheet, row, column) in a
 * table. Imports are all or nothing on the server, so a refusal changes nothing.
 */
export function ImportDialog({
  open,
  title,
  children,
  onClose,
  onImport,
  busy,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  onClose: () => void;
  /** Runs the import (the page's import mutation); returns the success message. */
  onImport: (file: File) => Promise<string>;
  /** The import mutation's isPending. */
  busy: boolean;
}) {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<SheetProblem[]>([]);

  const reset = () => {
    setFile(null);
    setError(null);
    setProblems([]);
  };
  const close = () => {
    reset();
    onClose();
  };

  const run = async () => {
    if (!file) {
      setError('请先选择要导入的 Excel 文件（.xlsx）。');
      return;
    }
    setError(null);
    setProblems([]);
    try {
      const done = await onImport(file);
      message.success(done);
      close();
    } catch (err) {
      setProblems(sheetProblems(err));
      setError(errorMessage(err));
    }
  };

  return (
    <ActionModal open={open} title={title} width={760} onClose={close} closeText="关闭" action="开始导入" busy={busy} busyText="正在导入…" onAction={run}>
      <div className="muted" style={{ marginBottom: 12 }}>
        {children}
      </div>
      <Space wrap align="center" style={{ marginBottom: 12 }}>
        <FilePicker accept={XLSX_ACCEPT} onPick={(f) => { setFile(f); setError(null); setProblems([]); }} testId="import-file">
          选择 Excel 文件
        </FilePicker>
        <span role="status" aria-live="polite">{file ? `已选择：${file.name}` : '尚未选择文件'}</span>
      </Space>
      {error && (
        <ErrorAlert
          title={error}
          description={problems.length ? '请按下表逐项修改 Excel 文件后重新导入。本次没有导入任何数据。' : undefined}
          style={{ marginBottom: 12 }}
        />
      )}
      {problems.length > 0 && <ProblemTable problems={problems} caption={`导入错误（共 ${problems.length} 处）`} />}
    </ActionModal>
  );
}
