import { Alert, App, Button, Modal, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { sheetProblems, type SheetProblem } from '../../api/catalogAdmin.js';
import { errorMessage } from '../../api/client.js';
import { BusyButton } from '../../components/BusyButton.js';
import { useMediaQuery } from '../../components/useMediaQuery.js';
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
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  onClose: () => void;
  /** Runs the import; returns the success message. */
  onImport: (file: File) => Promise<string>;
}) {
  const { message } = App.useApp();
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
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
    setBusy(true);
    setError(null);
    setProblems([]);
    try {
      const done = await onImport(file);
      message.success(done);
      close();
    } catch (err) {
      setProblems(sheetProblems(err));
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={close}
      width={isMobile ? '100%' : 760}
      destroyOnHidden
      footer={
        <Space wrap>
          <Button onClick={close}>关闭</Button>
          <BusyButton type="primary" onClick={run} busy={busy} busyText="正在导入…">
            开始导入
          </BusyButton>
        </Space>
      }
    >
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
        <Alert
          type="error"
          showIcon
          role="alert"
          title={error}
          description={problems.length ? '请按下表逐项修改 Excel 文件后重新导入。本次没有导入任何数据。' : undefined}
          style={{ marginBottom: 12 }}
        />
      )}
      {problems.length > 0 && <ProblemTable problems={problems} caption={`导入错误（共 ${problems.length} 处）`} />}
    </Modal>
  );
}
