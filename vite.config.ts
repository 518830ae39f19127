import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './vite-plugin-csp.ts';
import { seedCards } from './vite-plugin-seeds.ts';

/** Vite builds the app (app/ + the engine worker in src/) and runs the unit tests. */
export default defineConfig({
  plugins: [react(), seedCards(import.meta.dirname), contentSecurityPolicy()],
  root: '.',
  publicDir: 'public',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    chunkSizeWarningLimit: 4000,
    // index.html is the app; kernels.html is the kernel parity/benchmark harness page.
    rollupOptions: { input: { main: 'index.html', kernels: 'kernels.html', bench: 'bench.html' } },
  },
  server: { port: 5173 },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts', 'app/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'threads',
  },
});
