import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { dataPackPlugin } from './scripts/vite-data-plugin.ts';
import { frameHeadersPlugin } from './scripts/vite-frame-headers.ts';

export default defineConfig({
  // Relative asset paths: the built app works from any sub-path of a bureau's intranet server.
  base: './',
  // 'mpa': a missing file is a 404, not index.html (packs and tiles must fail loudly).
  appType: 'mpa',
  plugins: [react(), dataPackPlugin(), frameHeadersPlugin()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: { main: 'index.html', embed: 'embed.html' },
    },
  },
  server: { port: 5173 },
  preview: { port: 4173 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          // The geometry tests over the whole Changzhi pack take 2–8 s when they share two cores
          // with the browser tests; the 5 s default failed them on load, not on figures.
          testTimeout: 30_000,
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts', 'tests/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.e2e.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          // One Chromium at a time: SwiftShader renders on the CPU and the machine has two cores.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
