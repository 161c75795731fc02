import { Button, type ButtonProps } from 'antd';
import type { MouseEvent } from 'react';
import { useNavigate } from 'react-router';

/**
 * A link that looks like an antd button: a real <a href> (opens in a new tab, reads as a link),
 * followed inside the app without a page load.
 */
export function ButtonLink({ to, onClick, ...rest }: Omit<ButtonProps, 'href'> & { to: string }) {
  const navigate = useNavigate();
  const handle = (e: MouseEvent<HTMLElement>) => {
    onClick?.(e as MouseEvent<HTMLAnchorElement & HTMLButtonElement>);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <Button {...rest} href={to} onClick={handle} />;
}
