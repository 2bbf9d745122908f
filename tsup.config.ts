import { defineConfig } from 'tsup';

// The npm package: ESM and CommonJS, each with its own declarations. msw stays external: it is an
// optional peer of `memwire/testing`; openapi-fetch, the one dependency, is installed beside us.
export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      testing: 'src/testing/index.ts',
      sandbox: 'src/sandbox/serve.ts',
    },
    format: ['esm', 'cjs'],
    // Declarations for the Node-only sandbox entry need Node's types; the rest never see them.
    dts: { compilerOptions: { types: ['node'] } },
    clean: true,
    target: 'es2022',
    platform: 'neutral',
    external: ['msw', 'openapi-fetch'],
    splitting: false,
    sourcemap: true,
  },
  {
    entry: { 'sandbox-cli': 'src/sandbox/cli.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    external: ['msw', 'openapi-fetch'],
  },
]);
