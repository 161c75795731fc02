import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { helperPwa } from './src/web/helper/pwa/build.js';

const root = import.meta.dirname;

// The web app lives in src/web; the server serves the build from dist/web (index.html + assets/).
export default defineConfig({
  root: path.join(root, 'src/web'),
  publicDir: false,
  // Every asset also as .br and .gz beside it: the server sends the precompressed file the browser
  // accepts (@fastify/static preCompressed), so no CPU is spent compressing per request.
  // helperPwa: 帮办工作台's web manifest, icons and service worker (/helper-sw.js), for use without signal.
  plugins: [react(), helperPwa(path.join(root, 'src/web/helper/pwa')), compression({ algorithms: ['brotliCompress', 'gzip'], include: /\.(js|css|svg|json)$/, threshold: 512 })],
  build: {
    outDir: path.join(root, 'dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // The first page's size is measured from the manifest (scripts/first-page-size.ts).
    manifest: true,
    // antd's workbench chunk is large by nature; it is only loaded behind /workbench and /staff.
    chunkSizeWarningLimit: 900,
    // The public pages' stylesheets (the portal's pages and search/guide blocks, the shared
    // components, the accessibility layer: about 4 kB compressed in all) as one file instead of one
    // per chunk: a guide otherwise needed eight small CSS files, and over HTTP/1.1's six
    // connections every request past six waits a round trip (issue 12 §5, npm run perf:lighthouse).
    // The citizen's own pages (apply, cases, profile) and the workbench keep their own files.
    //
    // The first page's JavaScript in as few files as keep caching sensible: React, React Router and
    // TanStack Query as one file that changes only when they are upgraded, and the small modules
    // every public page shares (the catalog and region API, the place picker, the search box) as
    // another. Without the groups the build made React Router, the runtime and small helpers into
    // separate files and the home page fetched eleven: each one's response headers count against
    // the 120 kB budget as Lighthouse measures it (docs/OPERATIONS.md, First-page speed).
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'portal', priority: 3, test: /src[\\/]web[\\/](components|a11y|portal(?:[\\/]catalog)?)[\\/][^\\/]+\.css$/ },
            { name: 'react', priority: 2, test: /node_modules[\\/](react|react-dom|react-router|scheduler|@tanstack[\\/][^\\/]+)[\\/]/ },
            { name: 'portal-common', priority: 1, test: /src[\\/](web[\\/](api[\\/](regions|catalog)|portal[\\/]catalog[\\/](PlacePicker|place|SearchBox))|shared[\\/]catalog)\.tsx?$/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
  preview: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
