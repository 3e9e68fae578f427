import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    // The page's Content-Security-Policy allows scripts from self only: no inline polyfill.
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    // `npm run dev` against a local API (dotnet run): the app's requests go to it.
    proxy: { '/graphql': 'http://127.0.0.1:5000' },
  },
});
