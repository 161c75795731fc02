/**
 * Warns before unsaved changes are lost. Leaving the page inside the app — a menu link, a
 * breadcrumb, navigate(), or the browser's back and forward buttons — is held by react-router's
 * useBlocker (the app runs on a data router, routes.tsx) and asks in a dialog: 继续编辑 stays,
 * 放弃修改并离开 goes on to where the person was going. Closing or reloading the tab gets the
 * browser's own beforeunload prompt. A changed query string on the same page is not leaving.
 */
import { Button, Modal, Space } from 'antd';
import { useCallback, useEffect } from 'react';
import { useBlocker, type BlockerFunction } from 'react-router';

interface GuardProps {
  when: boolean;
  /** what is lost, e.g. 表单有未保存的修改 */
  message: string;
}

export function LeaveGuard({ when, message }: GuardProps) {
  const leaves = useCallback<BlockerFunction>(({ currentLocation, nextLocation }) => when && currentLocation.pathname !== nextLocation.pathname, [when]);
  const blocker = useBlocker(leaves);

  useEffect(() => {
    if (!when) return;
    // Listening only while there is something to lose keeps the page eligible for the back/forward cache.
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [when]);

  return <LeaveDialog open={blocker.state === 'blocked'} message={message} onStay={() => blocker.reset?.()} onLeave={() => blocker.proceed?.()} />;
}

function LeaveDialog({ open, message, onStay, onLeave }: { open: boolean; message: string; onStay: () => void; onLeave: () => void }) {
  return (
    <Modal
      open={open}
      title="离开此页面？"
      onCancel={onStay}
      footer={
        <Space wrap>
          <Button type="primary" onClick={onStay} autoFocus>
            继续编辑
          </Button>
          <Button danger onClick={onLeave}>
            放弃修改并离开
          </Button>
        </Space>
      }
    >
      <p>{message}，离开后这些修改将丢失。</p>
    </Modal>
  );
}
