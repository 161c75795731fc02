import { Button, Modal, Space } from 'antd';
import type { ReactNode } from 'react';
import { BusyButton } from '../../components/BusyButton.js';
import { useMediaQuery } from '../../components/useMediaQuery.js';

/**
 * A dialog of the catalog pages that does one thing (新建草稿, 开始导入, 确认发布): its footer is a
 * way out and that action, which says what it is doing while the write runs. On a phone a
 * dialog with a width takes the whole screen.
 */
export function ActionModal({
  open,
  title,
  width,
  onClose,
  closeText = '取消',
  action,
  busy,
  busyText,
  onAction,
  actionDisabled,
  afterClose,
  children,
}: {
  open: boolean;
  title: string;
  width?: number;
  onClose: () => void;
  closeText?: string;
  action: string;
  busy: boolean;
  busyText: string;
  onAction: () => void;
  actionDisabled?: boolean;
  /** once the dialog has gone (its closing animation over): where the keyboard goes when the button that opened it went too */
  afterClose?: () => void;
  children: ReactNode;
}) {
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      width={width === undefined ? undefined : isMobile ? '100%' : width}
      destroyOnHidden
      afterClose={afterClose}
      footer={
        <Space wrap>
          <Button onClick={onClose}>{closeText}</Button>
          <BusyButton type="primary" onClick={onAction} busy={busy} busyText={busyText} disabled={actionDisabled}>
            {action}
          </BusyButton>
        </Space>
      }
    >
      {children}
    </Modal>
  );
}
