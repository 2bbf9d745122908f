// Both builds of `memwire` work as Node loads them from an app's node_modules: `require` gets the
// CommonJS build and `import` the ES module build, each with openapi-fetch in the same format, and
// each turns a 422 into its own ValidationError. (The CommonJS build once passed openapi-fetch's
// whole `module.exports` where its default export was meant: see tsup.config.ts.)
// The app's two files sit in its node_modules/, so that Node itself (not Vitest) loads them.
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Memwire from '../../src/index.js';
import { installBuiltPackage, type InstalledPackage } from './built-package.js';

interface Loaded {
  resolved: string;
  memwire: typeof Memwire;
}

let installed: InstalledPackage | undefined;
let probe: string;

beforeAll(async () => {
  installed = await installBuiltPackage(['esm', 'cjs']);
  probe = join(installed.app, 'node_modules', 'probe');
  await mkdir(probe);
  await writeFile(
    join(probe, 'esm.mjs'),
    "export const resolved = import.meta.resolve('memwire');\nexport * as memwire from 'memwire';\n",
  );
  await writeFile(
    join(probe, 'cjs.cjs'),
    "exports.resolved = require.resolve('memwire');\nexports.memwire = require('memwire');\n",
  );
}, 60_000);

afterAll(async () => {
  await installed?.remove();
});

async function updateWith422(memwire: typeof Memwire) {
  const requests: Request[] = [];
  const mielto = new memwire.Mielto({
    apiKey: 'sk_test',
    maxRetries: 0,
    fetch: (request: Request) => {
      requests.push(request);
      return Promise.resolve(
        Response.json({ detail: [{ loc: ['body', 'memory'], msg: 'Field required', type: 'missing' }] }, { status: 422 }),
      );
    },
  });
  const error = await mielto.memories.update('mem_1', { memory: 'x' }).catch((caught: unknown) => caught);
  return { error, requests };
}

describe.each([
  ['require', 'index.cjs', (): Promise<Loaded> => Promise.resolve(createRequire(join(probe, 'cjs.cjs'))('./cjs.cjs') as Loaded)],
  [
    'import',
    'index.js',
    async (): Promise<Loaded> => (await import(/* @vite-ignore */ pathToFileURL(join(probe, 'esm.mjs')).href)) as Loaded,
  ],
] as const)('memwire as `%s` loads it', (_how, file, load) => {
  it(`is dist/${file} of the installed package`, async () => {
    const { resolved } = await load();
    expect(
      resolved
        .replace(/^file:\/\//, '')
        .split(/[\\/]/)
        .slice(-4),
    ).toEqual(['node_modules', 'memwire', 'dist', file]);
  });

  it('constructs Mielto and throws its own ValidationError for a 422', async () => {
    const { memwire } = await load();
    const { error, requests } = await updateWith422(memwire);
    expect(error).toBeInstanceOf(memwire.ValidationError);
    expect(error).toBeInstanceOf(memwire.MemwireError);
    expect((error as Memwire.ValidationError).fieldErrors()).toEqual({ memory: ['Field required'] });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'PUT https://api.mielto.com/api/v1/memories/mem_1',
    ]);
  });
});
