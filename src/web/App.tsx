import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError } from './api/client.js';
import { ME_KEY } from './api/session.js';
import { routes } from './routes.js';

function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        retry: (count, err) => !(err instanceof ApiError && err.status > 0 && err.status < 500) && count < 2,
      },
      // A write is tried at once even when the browser believes it is offline: the person sees
      // the network message (申请可能未提交…) instead of a button that stays busy, and queued
      // draft saves cannot land out of order when the connection returns.
      mutations: { networkMode: 'always' },
    },
    queryCache: new QueryCache({
      // A request that finds the session gone means nobody is signed in any more.
      onError: (err, query) => {
        if (err instanceof ApiError && err.status === 401 && query.queryKey[0] !== ME_KEY[0]) client.setQueryData(ME_KEY, null);
      },
    }),
  });
  return client;
}

const queryClient = createQueryClient();

// The routes (routes.tsx) and their lazy pages; a data router, so that LeaveGuard's useBlocker can
// also stop the browser's back and forward buttons.
const router = createBrowserRouter(routes);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
