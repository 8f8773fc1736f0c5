import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

/**
 * Builds the dashboard into dist/web, which the daemon serves (src/server/dashboard.ts). Run from the
 * repository root: `vite build --config web/vite.config.ts`. `npm run dev:web` serves it with hot reload
 * and sends /api to a running daemon (BERTH_URL, default http://127.0.0.1:7070).
 */
export default defineConfig({
  root: 'web',
  base: '/',
  plugins: [preact()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // No source maps in the package: they would triple what ships and the daemon would serve them to
    // anyone; `npm run dev:web` has full maps for debugging.
    sourcemap: false,
    // Every supported browser has <link rel=modulepreload>; the polyfill would be dead code.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
  server: {
    proxy: {
      '/api': { target: process.env.BERTH_URL ?? 'http://127.0.0.1:7070', changeOrigin: false },
    },
  },
});
