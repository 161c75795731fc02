import { Alert } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

/**
 * A failure the person has to read now: an error Alert announced at once (role="alert"), with
 * what to do about it, if anything, below the title.
 */
export function ErrorAlert({ title, description, style }: { title: ReactNode; description?: ReactNode; style?: CSSProperties }) {
  return <Alert type="error" showIcon role="alert" title={title} description={description} style={style} />;
}
