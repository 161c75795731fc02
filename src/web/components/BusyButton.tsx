import { Button, type ButtonProps } from 'antd';
import type { MouseEvent, ReactNode } from 'react';

export interface BusyButtonProps extends Omit<ButtonProps, 'loading'> {
  busy?: boolean;
  /** What the button says while busy, e.g. 正在登录… */
  busyText?: ReactNode;
}

/**
 * A button that says what it is doing while a request runs and ignores further presses.
 * (antd's own `loading` adds an icon named "loading" in English to the accessible name, and in
 * some browsers the icon's exit animation leaves that name behind after loading ends.)
 */
export function BusyButton({ busy = false, busyText, children, onClick, ...rest }: BusyButtonProps) {
  const handle = (e: MouseEvent<HTMLElement>) => {
    if (busy) {
      e.preventDefault();
      return;
    }
    onClick?.(e);
  };
  return (
    <Button {...rest} onClick={handle} aria-busy={busy || undefined}>
      {busy ? (busyText ?? '请稍候…') : children}
    </Button>
  );
}
