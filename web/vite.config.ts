import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { quasar, transformAssetUrls } from '@quasar/vite-plugin';
import { defineConfig } from 'vite';

const apiServer = 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    vue({ template: { transformAssetUrls } }),
    // Prebuilt quasar.css is imported in main.ts, so no Sass variables are needed.
    quasar({ autoImportComponentCase: 'kebab', sassVariables: false }),
  ],
  build: {
    // The one big chunk is ECharts (core, SVG renderer, bar and line): loaded only with the home page's chart.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/graphql': apiServer,
      '/healthz': apiServer,
      '/api': apiServer,
    },
  },
});
