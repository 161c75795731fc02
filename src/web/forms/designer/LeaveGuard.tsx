/**
 * Warns before unsaved changes are lost: closing or reloading the tab (beforeunload) and leaving
 * the page inside the app (a menu link, a breadcrumb, navigate()).
 *
 * Inside a data router (createBrowserRouter) this is react-router's useBlocker, which also stops
 * the browser's back button. The app is mounted with <BrowserRouter>, where useBlocker is not
 * available; there the guard wraps the router's navigator (push/replace/go), which covers every
 * in-app link and navigate() call but not the browser's back/forward buttons.
 */
import { Button, Modal, Space } from 'antd';
import { useContext, useEffect, useRef, useState } from 'react';
import { UNSAFE_DataRouterContext, UNSAFE_NavigationContext, useBeforeUnload, useBlocker } from 'react-router';

interface GuardProps {
  when: boolean;
  /** what is lost, e.g. 表单有未保存的修改 */
  message: string;
}

export function LeaveGuard({ when, message }: GuardProps) {
  const dataRouter = useContext(UNSAFE_DataRouterContext);
  useBeforeUnload((event) => {
    if (!when) return;
    event.preventDefault();
    // Older browsers show the dialog only when returnValue is set.
    event.returnValue = '';
  });
  return dataRouter ? <DataRouterGuard when={when} message={message} /> : <NavigatorGuard when={when} message={message} />;
}

function DataRouterGuard({ when, message }: GuardProps) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => when && currentLocation.pathname !== nextLocation.pathname);
  return <LeaveDialog open={blocker.state === 'blocked'} message={message} onStay={() => blocker.reset?.()} onLeave={() => blocker.proceed?.()} />;
}

type Navigator = { push: (...args: never[]) => void; replace: (...args: never[]) => void; go: (delta: number) => void };

function NavigatorGuard({ when, message }: GuardProps) {
  const { navigator } = useContext(UNSAFE_NavigationContext) as unknown as { navigator: Navigator };
  const [pending, setPending] = useState<(() => void) | null>(null);
  const whenRef = useRef(when);
  whenRef.current = when;

  useEffect(() => {
    const original = { push: navigator.push, replace: navigator.replace, go: navigator.go };
    const guard =
      <A extends unknown[]>(run: (...args: A) => void, leavesPage: (...args: A) => boolean) =>
      (...args: A) => {
        if (!whenRef.current || !leavesPage(...args)) return run(...args);
        setPending(() => () => run(...args));
      };
    const pathOf = (to: unknown) => (typeof to === 'string' ? new URL(to, window.location.href).pathname : ((to as { pathname?: string }).pathname ?? window.location.pathname));
    const leaves = (to: unknown) => pathOf(to) !== window.location.pathname;
    navigator.push = guard((...a: unknown[]) => (original.push as (...x: unknown[]) => void).apply(navigator, a), (to) => leaves(to)) as Navigator['push'];
    navigator.replace = guard((...a: unknown[]) => (original.replace as (...x: unknown[]) => void).apply(navigator, a), (to) => leaves(to)) as Navigator['replace'];
    navigator.go = guard((delta: number) => original.go.call(navigator, delta), (delta) => delta !== 0);
    return () => {
      navigator.push = original.push;
      navigator.replace = original.replace;
      navigator.go = original.go;
    };
  }, [navigator]);

  return (
    <LeaveDialog
      open={pending !== null}
      message={message}
      onStay={() => setPending(null)}
      onLeave={() => {
        const go = pending;
        setPending(null);
        whenRef.current = false;
        go?.();
      }}
    />
  );
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
