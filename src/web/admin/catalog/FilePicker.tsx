import { PaperClipOutlined } from '@ant-design/icons';
import { Button, type ButtonProps } from 'antd';
import { useRef, type ReactNode } from 'react';

/**
 * A button that opens the file chooser. The native input stays out of the tab order and out of
 * the accessibility tree: the button is the one control people reach and hear.
 */
export function FilePicker({
  accept,
  onPick,
  children,
  disabled,
  buttonProps,
  testId,
}: {
  accept: string;
  onPick: (file: File) => void;
  children: ReactNode;
  disabled?: boolean;
  buttonProps?: ButtonProps;
  testId?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button icon={<PaperClipOutlined aria-hidden />} onClick={() => input.current?.click()} disabled={disabled} {...buttonProps}>
        {children}
      </Button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        style={{ display: 'none' }}
        aria-hidden="true"
        tabIndex={-1}
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onPick(file);
        }}
      />
    </>
  );
}
