import { App } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client.js';

/**
 * Runs a page's one-click writes (a mutation's mutateAsync, an export): clears the last error,
 * says what was done when the write succeeds, and keeps its error in words to show otherwise.
 * Busy state comes from the mutation (`isPending`), not from here.
 */
export function useRun() {
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const run = async <R>(write: () => Promise<R>, done: (result: R) => string): Promise<void> => {
    setError(null);
    try {
      message.success(done(await write()));
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return { error, setError, run };
}
