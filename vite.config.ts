import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

// The web app lives in src/web; the server serves the build from dist/web (index.html + assets/).
export default defineConfig({
  root: path.join(root, 'src/web'),
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // antd's workbench chunk is large by nature; it is only loaded behind /workbench and /staff.
    chunkSizeWarningLimit: 900,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
  preview: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
