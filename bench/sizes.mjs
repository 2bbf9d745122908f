// Browser bundle sizes as an app's bundler would produce them: esbuild bundles a one-line entry
// (minified, ESM, platform browser), resolving `memwire` through package.json's exports to the
// built dist/index.js (run.mjs points it at its snapshot, see build.mjs) and openapi-fetch from
// node_modules; then gzip at level 9.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const BENCH_DIR = new URL('.', import.meta.url).pathname;

// Each entry exports what it imports (Mielto's as a client made once), so nothing is shaken away.
export const ENTRIES = [
  {
    name: '`Mielto` alone',
    code: `import { Mielto } from 'memwire';\nexport const mielto = new Mielto({ apiKey: 'key' });`,
  },
  {
    name: 'all four clients',
    code:
      `import { Mielto, MemoryLayer, Supermemory, OpenSearchMemory } from 'memwire';\n` +
      `export const clients = [Mielto, MemoryLayer, Supermemory, OpenSearchMemory];`,
  },
  {
    name: 'bare openapi-fetch',
    code: `import createClient from 'openapi-fetch';\nexport const client = createClient({ baseUrl: 'https://api.mielto.com' });`,
  },
];

/**
 * Bundles `code` and returns its minified and gzipped byte counts, the output itself and esbuild's
 * metafile (and source map, with `sourcemap: 'external'`); `options` are more esbuild options.
 */
export async function bundleSize(code, options = {}) {
  const result = await build({
    stdin: { contents: code, resolveDir: BENCH_DIR, loader: 'js', sourcefile: 'entry.mjs' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    outfile: 'bundle.js', // a name for the outputs (and the map's paths): nothing is written
    write: false,
    metafile: true,
    logLevel: 'silent',
    ...options,
  });
  const output = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const map = result.outputFiles.find((file) => file.path.endsWith('.map'));
  return {
    minified: output.contents.length,
    gzip: gzip(output.contents),
    output: output.text,
    map: map && JSON.parse(map.text),
    metafile: result.metafile,
  };
}

export const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;

/** Every entry's sizes; `packageDir` is the memwire package folder to resolve `memwire` to. */
export async function bundleSizes(packageDir) {
  const options = packageDir ? { alias: { memwire: packageDir } } : {};
  const sizes = [];
  for (const entry of ENTRIES) sizes.push({ name: entry.name, ...(await bundleSize(entry.code, options)) });
  return sizes;
}
