// Builds the desktop app: main (ESM, like package.json "type"), preload (CJS: a sandboxed preload cannot be an ES
// module and cannot require node_modules, so everything it uses is bundled in) and the renderer into out/.
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import vuetify from 'vite-plugin-vuetify';

const fromRoot = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: fromRoot('./out/main'),
      lib: { entry: fromRoot('./electron/main/index.ts') },
      // keytar is a native module (an optional dependency: without it the app cannot remember devices): loaded from
      // node_modules, where electron-builder rebuilds it for Electron, never copied into the bundle.
      externalizeDeps: { include: ['keytar'] },
    },
  },
  preload: {
    build: {
      outDir: fromRoot('./out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('./electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
        // shared/ipc.ts also builds zod schemas that only main uses; building them has no side effects, so they
        // (and zod with them) are dropped from the preload bundle.
        treeshake: { manualPureFunctions: ['z'] },
      },
    },
  },
  renderer: {
    root: fromRoot('./renderer'),
    plugins: [vue(), vuetify({ autoImport: true })],
    define: {
      // Same vue-i18n flags as the web build (renderer/vite.config.ts).
      __VUE_I18N_FULL_INSTALL__: 'true',
      __VUE_I18N_LEGACY_API__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
    },
    build: {
      outDir: fromRoot('./out/renderer'),
      // No inlined data: URLs for scripts; the app:// CSP allows only 'self' scripts.
      assetsInlineLimit: 0,
      rolldownOptions: { input: fromRoot('./renderer/index.html') },
    },
  },
});
