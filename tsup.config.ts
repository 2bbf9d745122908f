import type { Plugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';

// What `npm run build` writes to dist/ (the build script empties dist/ first: the configs below run
// in parallel, so none of them may clean the folder the others are writing to).
//
// - The npm package: ESM and CommonJS, each with its own declarations, for `memwire`,
//   `memwire/testing` and `memwire/sandbox` (package.json's `exports`). msw stays external: it is an
//   optional peer of `memwire/testing`; openapi-fetch, the one dependency, is installed beside us.
// - The `memwire-sandbox` command (Node only).
// - Two browser bundles of `memwire` with openapi-fetch inside, for pages without a bundler: a
//   classic script that defines one global, `memwire` (`dist/browser/memwire.global.js`, the file
//   package.json's `unpkg` and `jsdelivr` name), and a minified ES module
//   (`dist/browser/memwire.min.js`). `npm run check:browser` proves neither needs anything of Node.

const INTEROP = 'memwire-cjs-default-interop';

/**
 * Keeps `import createClient from 'openapi-fetch'` right in the CommonJS build. esbuild reads our
 * sources as Node ESM (package.json has `"type": "module"`), so in CommonJS output it gives such a
 * default import Node's meaning for a CommonJS file: the whole `module.exports`. But
 * openapi-fetch's CommonJS build sets `exports.default = createClient` (with `__esModule`), so
 * `require('memwire')` got an object where it needed a function. Imported through a module of
 * esbuild's own instead (one in no package), the default is read the `__esModule` way, as
 * TypeScript and Babel do. `packages` stay external in every format, as `external` would keep them.
 */
function commonJsDefaultInterop(packages: readonly string[], format: 'esm' | 'cjs'): Plugin {
  const filter = new RegExp(`^(${packages.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
  return {
    name: INTEROP,
    setup(build) {
      const commonJs = format === 'cjs';
      build.onResolve({ filter }, (args) =>
        commonJs && args.namespace !== INTEROP ? { path: args.path, namespace: INTEROP } : { path: args.path, external: true },
      );
      build.onLoad({ filter: /.*/, namespace: INTEROP }, (args) => {
        const specifier = JSON.stringify(args.path);
        // Only the default: a named import would need adding here, and the build says so.
        return { contents: `export { default } from ${specifier};\n`, loader: 'js' };
      });
    },
  };
}

const MSW_GUARD = 'memwire-msw-guard';

/**
 * msw is an optional peer of `memwire/testing`: an app without it would get a bare "Cannot find
 * package 'msw'" from the import. The testing entry imports msw through this module instead, which
 * loads it (ESM: a top-level `await import`, CJS: `require`) and, when msw is not installed, throws
 * an error that says to install it. Only `http` is re-exported: another named import would need
 * adding here, and the build says so.
 */
function mswGuard(format: 'esm' | 'cjs'): Plugin {
  return {
    name: MSW_GUARD,
    setup(build) {
      const load = format === 'cjs' ? "require('msw')" : "await import('msw')";
      build.onResolve({ filter: /^msw$/ }, (args) =>
        args.namespace === MSW_GUARD ? { path: 'msw', external: true } : { path: 'msw', namespace: MSW_GUARD },
      );
      build.onLoad({ filter: /.*/, namespace: MSW_GUARD }, () => ({
        loader: 'js',
        contents: [
          'let msw;',
          `try { msw = ${load}; } catch (error) {`,
          "  if (!/MODULE_NOT_FOUND/.test(error?.code ?? '')) throw error;",
          "  throw new Error('memwire/testing needs msw, an optional peer dependency: npm install --save-dev msw', { cause: error });",
          '}',
          'export const http = msw.http;',
        ].join('\n'),
      }));
    },
  };
}

/**
 * The npm package's entries: `memwire`, `memwire/raw`, the agent tools (`memwire/tools` and its
 * adapters `/ai-sdk`, `/openai`, `/mcp`), bulk updates (`memwire/batch`), `memwire/testing` and
 * `memwire/sandbox`.
 */
export const packageEntries = {
  index: 'src/index.ts',
  raw: 'src/raw.ts',
  tools: 'src/tools/index.ts',
  'ai-sdk': 'src/tools/ai-sdk.ts',
  openai: 'src/tools/openai.ts',
  mcp: 'src/tools/mcp.ts',
  batch: 'src/batch/index.ts',
  testing: 'src/testing/index.ts',
  sandbox: 'src/sandbox/serve.ts',
};

/**
 * The npm package's build in one format (test/package/ builds `index` with the same options). The
 * format is handed to the plugins: with splitting, tsup bundles CommonJS as ESM first and converts
 * it after, so esbuild's own `format` does not say which it is.
 */
export const packageBuild = (format: 'esm' | 'cjs'): Options => ({
  entry: packageEntries,
  format: [format],
  // Declarations for the Node-only sandbox entry need Node's types; the rest never see them.
  dts: { compilerOptions: { types: ['node'] } },
  clean: false,
  target: 'es2022',
  platform: 'neutral',
  // openapi-fetch and msw are external too, through these plugins (tsup's own `external` would act first).
  noExternal: ['openapi-fetch', 'msw'],
  esbuildPlugins: [commonJsDefaultInterop(['openapi-fetch'], format), mswGuard(format)],
  // Shared code in shared chunks: `memwire/raw` and `memwire/testing` must use the very classes and
  // client records of `memwire` (an `instanceof MemwireError`, `raw(client)`), not copies of them.
  splitting: true,
  sourcemap: true,
});

const browserBundle: Options = {
  entry: { 'browser/memwire': 'src/index.ts' },
  clean: false,
  dts: false,
  // ES2022's class fields and #private as written, not down-levelled through helpers: browsers
  // that lack them (Safari before 14.1) also lack what memwire needs at run time, such as
  // `AbortController.abort(reason)` and `signal.reason` (Safari 15.4).
  target: 'es2022',
  platform: 'browser',
  // Browsers have no `process`: saying so folds the clients' environment defaults
  // (`globalThis.process?.env`) away, so a browser build reads none.
  define: { process: 'undefined', 'globalThis.process': 'undefined' },
  minify: true,
  splitting: false,
  sourcemap: true,
};

export default defineConfig([
  packageBuild('esm'),
  packageBuild('cjs'),
  {
    entry: { 'sandbox-cli': 'src/sandbox/cli.ts' },
    format: ['esm'],
    clean: false,
    target: 'node20',
    platform: 'node',
    external: ['msw', 'openapi-fetch'],
  },
  // The `memwire` command (Node only). The MCP SDK, an optional peer, stays external: `memwire mcp`
  // imports it when run and says what to install when it is missing.
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    clean: false,
    target: 'node20',
    platform: 'node',
    external: ['msw', 'openapi-fetch', '@modelcontextprotocol/server'],
  },
  // <script src=".../memwire.global.js"></script> → window.memwire
  { ...browserBundle, format: ['iife'], globalName: 'memwire' },
  // <script type="module"> import { Mielto } from '.../memwire.min.js'
  { ...browserBundle, format: ['esm'], outExtension: () => ({ js: '.min.js' }) },
]);
