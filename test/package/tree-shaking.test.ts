// Tree-shaking, seen the way an app's bundler sees memwire once it is installed: the package's ESM
// build in the app's node_modules (see built-package.ts: the same file `npm run build` writes to
// dist/index.js, made here so that `npm test` needs no build), bundled by esbuild from an app's
// entry file. An app that imports one client must not carry the others' code; one that imports
// all four must carry all four (so the markers below do show up when the code is there).
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBuiltPackage, type InstalledPackage } from './built-package.js';

// Strings that only each client's own code contains: its paths, host names and checks.
const ONLY_IN = {
  Mielto: ['/api/v1/memories/{memory_id}', 'api.mielto.com', 'X-Workspace-Id'],
  MemoryLayer: ['/v1/memories/{id}', 'api.memorylayer.dev', 'layerId'],
  Supermemory: ['/v4/memories', 'api.supermemory.ai', '(or both) to find the memory'],
  OpenSearchMemory: ['/_plugins/_ml/', 'history memory cannot be updated', 'ApiKey', 'OpenSearch session memory'],
} as const;
type Client = keyof typeof ONLY_IN;
const CLIENTS = Object.keys(ONLY_IN) as Client[];

let installed: InstalledPackage | undefined;

beforeAll(async () => {
  installed = await installBuiltPackage(['esm'], { index: 'src/index.ts', raw: 'src/raw.ts' });
}, 60_000);

afterAll(async () => {
  await installed?.remove();
});

/** The app's production bundle of `source`, an entry file that imports from 'memwire'. */
async function bundle(source: string): Promise<string> {
  const result = await esbuild.build({
    stdin: { contents: source, resolveDir: installed!.app, sourcefile: 'app.js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

function importing(names: readonly string[]): string {
  return `import { ${names.join(', ')} } from 'memwire';\nglobalThis.used = [${names.join(', ')}];\n`;
}

function markersIn(code: string, client: Client): string[] {
  return ONLY_IN[client].filter((marker) => code.includes(marker));
}

describe('tree-shaking of the built package', () => {
  it('resolves memwire to the ESM build in node_modules, with none of openapi-fetch in an app of clients', async () => {
    const code = await bundle(importing(['Mielto']));
    expect(code).toContain('api.mielto.com');
    expect(code).not.toContain('openapi-fetch');
    // A piece of openapi-fetch's own code: only memwire/raw carries it.
    expect(code).not.toContain('querySerializer');
  });

  it('carries openapi-fetch, bundled, in an app that imports memwire/raw', async () => {
    const code = await bundle(
      `import { Mielto } from 'memwire';\nimport { raw } from 'memwire/raw';\nglobalThis.used = raw(new Mielto({ apiKey: 'k' }));\n`,
    );
    expect(code).not.toMatch(/\bfrom\s*["']openapi-fetch["']/);
    expect(code).toContain('querySerializer');
  });

  it.each(CLIENTS)('an app that imports only %s carries none of the other clients', async (only) => {
    const code = await bundle(importing([only]));
    expect(markersIn(code, only)).toEqual(ONLY_IN[only]);
    for (const other of CLIENTS.filter((client) => client !== only)) {
      expect(markersIn(code, other), `${other}'s code in a bundle of ${only} alone`).toEqual([]);
    }
  });

  it('an app that imports all four carries all four', async () => {
    const code = await bundle(importing(CLIENTS));
    for (const client of CLIENTS) expect(markersIn(code, client), client).toEqual(ONLY_IN[client]);
  });

  it('an app that imports only an error class carries no client', async () => {
    const code = await bundle(`import { ValidationError } from 'memwire';\nglobalThis.used = ValidationError;\n`);
    expect(code).toContain('fieldErrors');
    for (const client of CLIENTS) expect(markersIn(code, client), client).toEqual([]);
  });
});
