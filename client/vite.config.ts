import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress';

const API = 'http://localhost:4000';

export default defineConfig({
  plugins: [react(), tailwindcss(), precompress()],
  server: {
    proxy: {
      '/graphql': { target: API, ws: true },
      '/api': API,
      '/webhooks': API,
      '/healthz': API,
      '/readyz': API,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});
