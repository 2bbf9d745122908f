#!/usr/bin/env node
// The package as an app gets it from npm: `npm pack` (which builds it: `prepack`), a new project
// outside the repo that installs the tarball, and then, in that project:
//   - an ES module `import`s memwire, memwire/testing and memwire/sandbox and updates a memory in
//     the sandbox over real HTTP, the typed 422 included;
//   - a CommonJS file `require`s the same against the msw fake of memwire/testing (msw installed
//     beside it, as the optional peer it is);
//   - the `memwire-sandbox` command (as npm linked it: shebang, executable bit) answers --help;
//   - a strict TypeScript consumer (the typed 422 in a catch, memwire/testing's, memwire/tools',
//     memwire/batch's, memwire/sandbox's and memwire/raw's types) typechecks with `skipLibCheck: false` under
//     moduleResolution node16 (an .mts and a .cts file), bundler and node10, each reading the
//     declarations its conditions lead to; and a Node server's use of `memwire` alone typechecks
//     under node16 with Node's types and no DOM library. All with the repo's TypeScript, and the
//     node16 and bundler checks again with the oldest TypeScript README's "Install" promises
//     (OLDEST_TYPESCRIPT, installed into the consumer from the registry).
// openapi-fetch, msw and the old TypeScripts come from the registry, or from the npm cache when it has them
// (--prefer-offline). Temporary folders are removed at the end, pass or fail. Exits non-zero on
// the first problem, with the output of the step that failed.
//
// Usage: node scripts/package/consumer.mjs [--keep]   (--keep: leave the temporary project)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const keep = process.argv.includes('--keep');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const mswVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'msw', 'package.json'), 'utf8')).version;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const work = mkdtempSync(join(tmpdir(), 'memwire-consumer-'));
if (!relative(root, work).startsWith('..')) fail('setup', `the temporary project ${work} is inside the repo`);
const cleanUp = () => {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanUp();
    process.exit(1);
  });
}

function main() {
  // 1. Pack, as `npm publish` would (prepack builds dist/).
  const packDir = join(work, 'pack');
  mkdirSync(packDir);
  run('npm pack', npm, ['pack', '--pack-destination', packDir, '--no-audit', '--no-fund'], { cwd: root });
  const tarballs = readdirSync(packDir).filter((name) => name.endsWith('.tgz'));
  if (tarballs.length !== 1) fail('npm pack', `expected one tarball, found: ${tarballs.join(', ') || 'none'}`);
  const tarball = join(packDir, tarballs[0]);

  // 2. A new project that installs it.
  const app = join(work, 'app');
  mkdirSync(app);
  writeJson(join(app, 'package.json'), { name: 'memwire-consumer', version: '0.0.0', private: true });
  run(
    'npm install',
    npm,
    [
      'install',
      tarball,
      `msw@${mswVersion}`,
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--ignore-scripts',
      '--loglevel=error',
    ],
    { cwd: app },
  );
  checkInstalledFiles(app);

  // 3. Node: ESM, CommonJS and the bin.
  writeFileSync(join(app, 'esm.mjs'), ESM_APP);
  writeFileSync(join(app, 'cjs.cjs'), CJS_APP);
  run('ESM import', process.execPath, ['esm.mjs'], { cwd: app, show: true });
  run('CommonJS require', process.execPath, ['cjs.cjs'], { cwd: app, show: true });
  const bin = join(app, 'node_modules', '.bin', 'memwire-sandbox');
  const help =
    process.platform === 'win32'
      ? run(
          'memwire-sandbox --help',
          process.execPath,
          [join(app, 'node_modules', 'memwire', 'dist', 'sandbox-cli.js'), '--help'],
          { cwd: app },
        )
      : run('memwire-sandbox --help', bin, ['--help'], { cwd: app });
  if (!help.includes('Usage: memwire-sandbox')) fail('memwire-sandbox --help', `unexpected output:\n${help}`);
  console.log('ok memwire-sandbox --help');

  // 4. TypeScript: one strict consumer, under each module resolution, with the repo's TypeScript
  //    (the newest) and with the oldest that README's "Install" promises.
  for (const ext of ['mts', 'cts', 'ts']) {
    writeFileSync(join(app, `consumer.${ext}`), TS_CONSUMER);
    writeFileSync(join(app, `server.${ext}`), TS_SERVER);
    writeFileSync(join(app, `entries.${ext}`), TS_ENTRIES);
    writeFileSync(join(app, `raw.${ext}`), TS_RAW);
  }
  const checks = typeChecks();
  const repoVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'typescript', 'package.json'), 'utf8')).version;
  for (const name of Object.keys(checks)) typecheck(app, name, checks[name], { tsc, label: repoVersion });
  installOldestTypeScript(app);
  for (const { version, checks: names } of OLDEST_TYPESCRIPT) {
    const folder = join(app, 'node_modules', `typescript-${version}`);
    const installed = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')).version;
    const typescript = { tsc: join(folder, 'bin', 'tsc'), label: installed };
    for (const name of names) typecheck(app, name, checks[name], typescript);
  }
}

/**
 * The oldest TypeScript each check passes with: README's "Install" says the same. 4.9 is the first
 * to read the `exports` conditions of our subpaths right under node16 (4.8 takes memwire/testing's
 * declarations for ESM only in a .cts file); moduleResolution bundler came with 5.0; memwire/raw's
 * types include openapi-fetch's, which need 5.4. Installed into the consumer under aliases.
 */
const OLDEST_TYPESCRIPT = [
  { version: '4.9', checks: ['node16', 'node16-no-dom'] },
  { version: '5.0', checks: ['bundler'] },
  { version: '5.4', checks: ['node16-raw', 'bundler-raw'] },
];

function installOldestTypeScript(app) {
  const aliases = OLDEST_TYPESCRIPT.map(({ version }) => `typescript-${version}@npm:typescript@${version}`);
  const args = ['install', ...aliases, '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'];
  run('npm install (oldest TypeScript)', npm, args, { cwd: app });
}

/** The typechecks by name: the compiler options, the files, and the declarations each must read. */
function typeChecks() {
  const strict = {
    strict: true,
    noEmit: true,
    skipLibCheck: false, // our declarations are checked too, not only used
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noImplicitOverride: true,
    noUnusedLocals: true,
    target: 'ES2022',
  };
  const nodeTypes = { types: ['node'], typeRoots: [join(root, 'node_modules', '@types')] };
  const node16 = { ...strict, module: 'node16', moduleResolution: 'node16', lib: ['ES2022', 'DOM'], ...nodeTypes };
  const bundler = { ...strict, module: 'esnext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM'], types: [] };
  const entries = ['index', 'testing', 'tools', 'sandbox'];
  return {
    // msw's declarations (memwire/testing's peer) need the DOM library, as msw's docs say.
    node16: {
      compilerOptions: node16,
      files: ['consumer.mts', 'consumer.cts', 'entries.mts', 'entries.cts'],
      // An .mts file is ESM and gets the `import` condition; a .cts file gets `require`.
      reads: entries.flatMap((entry) => [`${entry}.d.ts`, `${entry}.d.cts`]),
    },
    // A Node server that uses memwire alone: Node's types, no DOM library.
    'node16-no-dom': {
      compilerOptions: { ...node16, lib: ['ES2022'] },
      files: ['server.mts', 'server.cts'],
      reads: ['index.d.ts', 'index.d.cts'],
    },
    bundler: {
      compilerOptions: bundler,
      files: ['consumer.ts', 'entries.ts'],
      reads: entries.map((entry) => `${entry}.d.ts`),
      never: entries.map((entry) => `${entry}.d.cts`),
    },
    node10: {
      compilerOptions: { ...strict, module: 'commonjs', moduleResolution: 'node10', lib: ['ES2022', 'DOM'], types: [] },
      files: ['consumer.ts'],
      // `types` for memwire, `typesVersions` for the subpaths (node10 knows no `exports`): the same
      // one set of declarations, so that memwire's and memwire/testing's types are the same types.
      reads: ['index.d.ts', 'testing.d.ts'],
      never: ['index.d.cts', 'testing.d.cts'],
    },
    'node16-raw': { compilerOptions: node16, files: ['raw.mts', 'raw.cts'], reads: ['raw.d.ts', 'raw.d.cts'] },
    'bundler-raw': { compilerOptions: bundler, files: ['raw.ts'], reads: ['raw.d.ts'], never: ['raw.d.cts'] },
  };
}

/** The published files an app relies on are there; the repo's sources and tests are not. */
function checkInstalledFiles(app) {
  const installed = join(app, 'node_modules', 'memwire');
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  const needed = [
    manifest.main,
    manifest.module,
    manifest.types,
    manifest.unpkg,
    manifest.jsdelivr,
    ...Object.values(manifest.bin),
    './dist/browser/memwire.global.js',
    './dist/browser/memwire.min.js',
    ...exportTargets(manifest.exports),
  ];
  const missing = [...new Set(needed)].filter((file) => !existsSync(join(installed, file)));
  if (missing.length > 0) fail('installed files', `the package lacks ${missing.join(', ')}`);
  const unwanted = ['src', 'test', 'scripts', 'examples', 'node_modules', 'tsup.config.ts'].filter((name) =>
    existsSync(join(installed, name)),
  );
  if (unwanted.length > 0) fail('installed files', `the package ships ${unwanted.join(', ')}`);
  // Declarations have readable names (scripts/package/name-declarations.mjs), for go-to-definition.
  const hashed = readdirSync(join(installed, 'dist')).filter(
    (file) => /-[A-Za-z0-9_-]{8}\.d\.c?ts$/.test(file) && !file.startsWith('shared-'),
  );
  if (hashed.length > 0) fail('installed files', `declaration files with hashed names: ${hashed.join(', ')}`);
  if (!existsSync(join(app, 'node_modules', 'openapi-fetch', 'package.json'))) {
    fail('installed files', 'openapi-fetch was not installed with memwire');
  }
  console.log(`ok installed ${manifest.name}@${manifest.version} with every file its package.json names`);
}

function exportTargets(value) {
  if (typeof value === 'string') return [value];
  return Object.values(value ?? {}).flatMap(exportTargets);
}

/**
 * Typechecks `files` with `tsc` and `compilerOptions` and fails on any error in them, in memwire's
 * declarations or in those of the packages it installs (openapi-fetch's, for memwire/raw), or
 * when the declarations read are not the ones the conditions should lead to. Errors inside other
 * packages' declarations (msw's, under some settings) are shown, not failed on: they are theirs,
 * and appear with or without memwire.
 */
const OURS = /^node_modules[\\/](memwire|openapi-fetch|openapi-typescript-helpers)[\\/]/;

function typecheck(app, name, { compilerOptions, files, reads, never = [] }, { tsc, label }) {
  const step = `tsc (TypeScript ${label}, ${name})`;
  const config = `tsconfig.${name}.json`;
  writeJson(join(app, config), { compilerOptions, files });
  const result = spawnSync(process.execPath, [tsc, '-p', config, '--listFiles', '--pretty', 'false'], {
    cwd: app,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) fail(step, result.error.message);
  const lines = `${result.stdout}${result.stderr}`.split(/\r?\n/).filter((line) => line.trim() !== '');
  const errors = lines.filter((line) => /\berror TS\d+:/.test(line));
  const isTheirs = (line) => /^node_modules[\\/]/.test(line) && !OURS.test(line);
  const ours = errors.filter((line) => !isTheirs(line));
  const theirs = errors.filter(isTheirs);
  if (ours.length > 0 || (result.status !== 0 && errors.length === 0)) {
    fail(step, `tsc exited ${result.status}:\n${(ours.length > 0 ? ours : lines).join('\n')}`);
  }
  const read = lines
    .map((line) => line.trim().split('\\').join('/'))
    .filter((line) => line.includes('/node_modules/memwire/dist/'))
    .map((line) => line.slice(line.lastIndexOf('/dist/') + '/dist/'.length));
  const missing = reads.filter((file) => !read.includes(file));
  const wrong = never.filter((file) => read.includes(file));
  if (missing.length > 0 || wrong.length > 0) {
    fail(
      step,
      `expected to read ${reads.join(', ')}${never.length ? ` and never ${never.join(', ')}` : ''}; read ${read.join(', ')}`,
    );
  }
  console.log(`ok typecheck, TypeScript ${label}, ${name}: ${files.join(', ')} (read ${read.join(', ')})`);
  if (theirs.length > 0) {
    const packages = [
      ...new Set(
        theirs.map((line) =>
          line
            .split(/[\\/]/)
            .slice(1, line.startsWith('node_modules/@') ? 3 : 2)
            .join('/'),
        ),
      ),
    ];
    console.log(`   note: ${theirs.length} errors inside other packages' declarations (${packages.join(', ')}), not memwire's:`);
    for (const line of theirs.slice(0, 3)) console.log(`     ${line}`);
  }
}

/** Runs a command; on failure prints what it printed and exits. Returns its stdout. */
function run(step, command, args, { cwd, show = false }) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    shell: process.platform === 'win32' && command.endsWith('.cmd'),
    env: { ...process.env, npm_config_update_notifier: 'false' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.error || result.status !== 0) {
    fail(
      step,
      `${[command, ...args].join(' ')} (in ${cwd}) ${result.error ? `failed: ${result.error.message}` : `exited ${result.status ?? result.signal}`}\n${output}`,
    );
  }
  if (show && result.stdout.trim()) console.log(result.stdout.trimEnd());
  return result.stdout;
}

function writeJson(path, value) {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

function fail(step, message) {
  const error = new Error(`test:consumer failed at "${step}": ${message}`);
  error.name = 'ConsumerTestFailure';
  console.error(`\n${error.message}`);
  process.exitCode = 1;
  throw error;
}

// --- the consumer's files -------------------------------------------------------------------

const ESM_APP = `import assert from 'node:assert/strict';
import { Mielto, MemwireError, NotFoundError, ValidationError, MemoryLayer, Supermemory, OpenSearchMemory } from 'memwire';
import { createMieltoFake } from 'memwire/testing';
import { startSandbox } from 'memwire/sandbox';

assert.match(import.meta.resolve('memwire'), /\\/node_modules\\/memwire\\/dist\\/index\\.js$/);
assert.match(import.meta.resolve('memwire/testing'), /\\/dist\\/testing\\.js$/);
assert.match(import.meta.resolve('memwire/sandbox'), /\\/dist\\/sandbox\\.js$/);
for (const Client of [MemoryLayer, Supermemory, OpenSearchMemory]) assert.equal(typeof Client, 'function');
assert.equal(typeof createMieltoFake, 'function');

const sandbox = await startSandbox({ port: 0 });
try {
  const mielto = new Mielto({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, workspaceId: 'ws_personal' });
  const { memory } = await mielto.memories.update('mem_coffee', { topics: ['tea'] });
  assert.deepEqual(memory.topics, ['tea']);

  const invalid = await mielto.memories.update('mem_coffee', { memory: 42 }).catch((error) => error);
  assert.ok(invalid instanceof ValidationError, \`expected a ValidationError, got \${invalid}\`);
  assert.ok(invalid instanceof MemwireError);
  assert.equal(invalid.status, 422);
  assert.ok(Array.isArray(invalid.detail) && invalid.detail.length > 0);
  assert.ok(Object.keys(invalid.fieldErrors()).length > 0);

  const missing = await mielto.memories.update('mem_nobody', { memory: 'x' }).catch((error) => error);
  assert.ok(missing instanceof NotFoundError, \`expected a NotFoundError, got \${missing}\`);
} finally {
  await sandbox.close();
}
console.log('ok ESM: import memwire, memwire/testing, memwire/sandbox; Mielto against the sandbox, typed 422');
`;

const CJS_APP = `const assert = require('node:assert/strict');
const { Mielto, MemwireError, ValidationError, MemoryLayer, Supermemory, OpenSearchMemory } = require('memwire');
const { createMieltoFake } = require('memwire/testing');
const { startSandbox } = require('memwire/sandbox');
const { setupServer } = require('msw/node');

assert.match(require.resolve('memwire'), /[\\\\/]node_modules[\\\\/]memwire[\\\\/]dist[\\\\/]index\\.cjs$/);
assert.match(require.resolve('memwire/testing'), /[\\\\/]dist[\\\\/]testing\\.cjs$/);
assert.equal(require('memwire/package.json').name, 'memwire');
for (const Client of [MemoryLayer, Supermemory, OpenSearchMemory]) assert.equal(typeof Client, 'function');
assert.equal(typeof startSandbox, 'function');

(async () => {
  const fake = createMieltoFake({ apiKey: 'test-key' });
  const server = setupServer(...fake.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  try {
    fake.seed([{ memory_id: 'mem_1', user_id: 'u_1', memory: 'Likes tea' }]);
    const mielto = new Mielto({ apiKey: 'test-key' });
    const { memory } = await mielto.memories.update('mem_1', { memory: 'Likes green tea' });
    assert.equal(memory.memory, 'Likes green tea');

    const invalid = await mielto.memories.update('mem_1', { memory: 42 }).catch((error) => error);
    assert.ok(invalid instanceof ValidationError, \`expected a ValidationError, got \${invalid}\`);
    assert.ok(invalid instanceof MemwireError);
    assert.ok(Object.keys(invalid.fieldErrors()).length > 0);
    assert.equal(fake.requests.length, 2);
  } finally {
    server.close();
  }
  console.log('ok CommonJS: require memwire, memwire/testing (msw), memwire/sandbox; typed 422');
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;

// Shared by consumer.mts (node16, ESM), consumer.cts (node16, CommonJS) and consumer.ts.
const TS_CONSUMER = `import { Mielto, MemwireError, ValidationError, type MemoryUpdate, type ValidationIssue } from 'memwire';
import type { MieltoFakeOptions, MieltoTestFake, RecordedRequest } from 'memwire/testing';

/** Updates a memory; a 422 becomes the messages by field, anything else is thrown on. */
export async function updateMemory(
  mielto: Mielto,
  id: string,
  patch: MemoryUpdate,
): Promise<Record<string, string[]> | undefined> {
  try {
    await mielto.memories.update(id, patch, { timeout: 5_000 });
    return undefined;
  } catch (error) {
    if (error instanceof ValidationError) {
      const fields: Record<string, string[]> = error.fieldErrors();
      const detail: ValidationIssue[] | undefined = error.detail;
      const first: string | undefined = error.detail?.[0]?.msg;
      const where: (string | number)[] | undefined = detail?.[0]?.loc;
      const status: number = error.status;
      // @ts-expect-error detail is typed, not \`any\`: a message is a string
      error.detail?.[0]?.msg.toFixed();
      void [first, where, status];
      return fields;
    }
    if (error instanceof MemwireError) throw new Error(\`memwire: \${error.message}\`, { cause: error });
    throw error;
  }
}

/** memwire/testing's types, without loading msw at run time. */
export function lastPath(fake: MieltoTestFake): string | undefined {
  const last: RecordedRequest | undefined = fake.requests.at(-1);
  return last?.path.join('/');
}
export const fakeOptions: MieltoFakeOptions = { apiKey: 'test-key' };

export const mielto: Mielto = new Mielto({ apiKey: () => 'key', workspaceId: 'ws_personal' });
export const other: Mielto = mielto.withWorkspace('ws_work');

// @ts-expect-error options are typed: there is no such option
new Mielto({ apiKey: 'key', retries: 3 });
// @ts-expect-error an update's fields are typed
void updateMemory(mielto, 'mem_1', { memory: 42 });
`;

// Shared by server.mts and server.cts: memwire alone, checked with Node's types and no DOM library.
const TS_SERVER = `import { Mielto, NotFoundError, ValidationError, type MemoryReplaceResponse, type ValidationIssue } from 'memwire';

const mielto = new Mielto({ apiKey: async () => 'key', maxRetries: 1, timeout: 10_000 });

export async function replace(id: string, text: string): Promise<MemoryReplaceResponse | undefined> {
  try {
    return await mielto.memories.replace(id, { memory: text }, { signal: AbortSignal.timeout(5_000) });
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    if (error instanceof ValidationError) {
      const detail: ValidationIssue[] | undefined = error.detail;
      const fields: Record<string, string[]> = error.fieldErrors();
      const requestId: string | undefined = error.requestId;
      // @ts-expect-error detail is typed, not \`any\`
      detail?.[0]?.loc.toUpperCase();
      throw new Error(\`invalid: \${JSON.stringify(fields)} (\${requestId})\`, { cause: error });
    }
    throw error;
  }
}
`;

// Shared by entries.mts, entries.cts and entries.ts: memwire/tools', memwire/batch's and memwire/sandbox's types.
const TS_ENTRIES = `import { Mielto } from 'memwire';
import { memoryTools, type MemoryTool } from 'memwire/tools';
import { startSandbox } from 'memwire/sandbox';
import { applyUpdates, type UpdateOutcome } from 'memwire/batch';

export const tools: MemoryTool[] = memoryTools({ mielto: new Mielto({ apiKey: 'key' }) });
export const start: typeof startSandbox = startSandbox;
export const outcomes: AsyncIterable<UpdateOutcome> = applyUpdates({ mielto: new Mielto({ apiKey: 'key' }) }, [], { concurrency: 2 });
`;

// Shared by raw.mts, raw.cts and raw.ts: memwire/raw, whose types include openapi-fetch's.
const TS_RAW = `import { Mielto } from 'memwire';
import { raw } from 'memwire/raw';

export async function topics(mielto: Mielto): Promise<string[] | null | undefined> {
  const { data, error } = await raw(mielto).PUT('/api/v1/memories/{memory_id}', {
    params: { path: { memory_id: 'mem_coffee' } },
    body: { topics: ['tea'] },
  });
  if (error !== undefined) return undefined;
  // @ts-expect-error the path's parameters are typed
  void raw(mielto).PUT('/api/v1/memories/{memory_id}', { params: { path: { id: 'mem_coffee' } } });
  return data.memory.topics;
}
`;

try {
  main();
  console.log('\ntest:consumer: all good');
} catch (error) {
  if (error?.name !== 'ConsumerTestFailure') console.error(error);
  process.exitCode = 1;
} finally {
  cleanUp();
}
