// Both builds of `memwire` work as Node loads them from an app's node_modules: `require` gets the
// CommonJS build and `import` the ES module build, each with openapi-fetch in the same format, and
// each turns a 422 into its own ValidationError. (The CommonJS build once passed openapi-fetch's
// whole `module.exports` where its default export was meant: see tsup.config.ts.)
// `memwire/raw` shares the very classes and client records of `memwire` in each format: raw(client)
// finds the client, and what it throws is the main entry's MemwireError.
// The app's two files sit in its node_modules/, so that Node itself (not Vitest) loads them.
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Memwire from '../../src/index.js';
import type * as MemwireRaw from '../../src/raw.js';
import { installBuiltPackage, type InstalledPackage } from './built-package.js';

interface Loaded {
  resolved: string;
  memwire: typeof Memwire;
  raw: typeof MemwireRaw;
}

let installed: InstalledPackage | undefined;
let probe: string;

beforeAll(async () => {
  installed = await installBuiltPackage(['esm', 'cjs'], { index: 'src/index.ts', raw: 'src/raw.ts' });
  probe = join(installed.app, 'node_modules', 'probe');
  await mkdir(probe);
  await writeFile(
    join(probe, 'esm.mjs'),
    "export const resolved = import.meta.resolve('memwire');\nexport * as memwire from 'memwire';\nexport * as raw from 'memwire/raw';\n",
  );
  await writeFile(
    join(probe, 'cjs.cjs'),
    "exports.resolved = require.resolve('memwire');\nexports.memwire = require('memwire');\nexports.raw = require('memwire/raw');\n",
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

  it("gives raw(client) over the same transport, throwing the main entry's errors", async () => {
    const { memwire, raw } = await load();
    const seen: string[] = [];
    const mielto = new memwire.Mielto({
      apiKey: 'sk_test',
      maxRetries: 0,
      workspaceId: 'ws_1',
      fetch: (request: Request) => {
        seen.push(`${request.method} ${request.url} ${request.headers.get('x-workspace-id')}`);
        return Promise.resolve(new Response('<html>', { status: 502 }));
      },
    });
    const { response } = await raw.raw(mielto).PUT('/api/v1/memories/{memory_id}', {
      params: { path: { memory_id: 'mem_1' } },
      body: { memory: 'x' },
    });
    expect(response.status).toBe(502);
    expect(seen).toEqual(['PUT https://api.mielto.com/api/v1/memories/mem_1 ws_1']);
    expect(() => raw.raw({} as never)).toThrow(memwire.InvalidArgumentError);
  });
});
