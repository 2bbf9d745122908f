#!/usr/bin/env node
// Checks the two browser bundles that `npm run build` writes to dist/browser/:
//   memwire.global.js  a classic script that defines the global `memwire` (unpkg, jsdelivr)
//   memwire.min.js     a self-contained ES module for <script type="module">
// Neither may need anything of Node's, and both must work with nothing but a browser's globals:
//   1. no imports or require() calls at all (esbuild reads each bundle and lists them),
//   2. no reference to Node's globals (process, Buffer, require, ...): the bundle is read again by
//      esbuild with each of them defined as a marker, and only free (unbound) references get one,
//      so a local variable that happens to be called `require` is no false alarm,
//   3. no "node:" module specifier anywhere in the text,
//   4. each one is run in a fresh V8 context that has only web-standard globals (fetch, Request,
//      URL, AbortController, timers, ...): the exports are all there, and Mielto's typed 422 comes
//      back as a ValidationError through the context's own `fetch`.
// Run after `npm run build`; exits non-zero on the first problem.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import * as esbuild from 'esbuild';

// vm.SourceTextModule (for the ES module) needs this flag: run again with it.
if (typeof vm.SourceTextModule !== 'function') {
  const again = spawnSync(
    process.execPath,
    ['--experimental-vm-modules', '--no-warnings', fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exit(again.status ?? 1);
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLES = [
  { file: 'dist/browser/memwire.global.js', kind: 'script' },
  { file: 'dist/browser/memwire.min.js', kind: 'module' },
];
const NODE_GLOBALS = [
  'process',
  'Buffer',
  'require',
  'module',
  'exports',
  '__dirname',
  '__filename',
  'global',
  'setImmediate',
  'clearImmediate',
];
// What the public entry exports at run time (types aside); the bundles must carry all of it.
const EXPORTS = [
  'Mielto',
  'MemoryLayer',
  'Supermemory',
  'OpenSearchMemory',
  'SENT_HEADERS',
  'READ_HEADERS',
  'MemwireError',
  'ApiError',
  'BadRequestError',
  'AuthenticationError',
  'PaymentRequiredError',
  'PermissionDeniedError',
  'NotFoundError',
  'ConflictError',
  'ValidationError',
  'RateLimitError',
  'ServerError',
  'InvalidResponseError',
  'ConnectionError',
  'TimeoutError',
  'AbortError',
  'InvalidArgumentError',
];
// The globals a browser page (and a web worker) has that memwire and openapi-fetch may use.
const WEB_GLOBALS = [
  'fetch',
  'Request',
  'Response',
  'Headers',
  'FormData',
  'Blob',
  'ReadableStream',
  'URL',
  'URLSearchParams',
  'AbortController',
  'AbortSignal',
  'DOMException',
  'Event',
  'EventTarget',
  'TextEncoder',
  'TextDecoder',
  'atob',
  'btoa',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'queueMicrotask',
  'structuredClone',
  'console',
];

const problems = [];
for (const bundle of BUNDLES) {
  const path = `${root}${bundle.file}`;
  if (!existsSync(path)) {
    problems.push(`${bundle.file} is missing: run \`npm run build\` first`);
    continue;
  }
  const code = readFileSync(path, 'utf8');
  const found = [...(await staticProblems(path, code, bundle.kind)), ...(await runtimeProblems(code, bundle.kind))];
  // Not even as `globalThis.process`: a browser build reads no environment (no MIELTO_API_KEY defaults).
  if (/\bprocess\b/.test(code)) found.push('reads `process` (an environment default left in a browser build)');
  for (const problem of found) problems.push(`${bundle.file}: ${problem}`);
  if (found.length === 0) console.log(`ok ${bundle.file} (${code.length} bytes): no Node, runs on web globals alone`);
}
if (problems.length > 0) {
  console.error(`\ncheck:browser failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}

async function staticProblems(path, code, kind) {
  const found = [];
  const marker = (name) => `__memwire_node_global_${name}__`;
  let result;
  try {
    result = await esbuild.build({
      entryPoints: [path],
      bundle: true,
      write: false,
      metafile: true,
      format: kind === 'module' ? 'esm' : 'iife',
      platform: 'neutral',
      external: ['*'],
      logLevel: 'silent',
      define: Object.fromEntries(NODE_GLOBALS.map((name) => [name, marker(name)])),
    });
  } catch (error) {
    return [`esbuild cannot read it: ${error.message}`];
  }
  for (const input of Object.values(result.metafile.inputs)) {
    for (const imported of input.imports) found.push(`${imported.kind} of "${imported.path}"`);
  }
  const output = result.outputFiles[0].text;
  for (const name of NODE_GLOBALS) {
    if (output.includes(marker(name))) found.push(`refers to Node's global \`${name}\``);
  }
  if (/["'`]node:/.test(code)) found.push('names a "node:" module');
  return found;
}

async function runtimeProblems(code, kind) {
  const sandbox = Object.fromEntries(WEB_GLOBALS.map((name) => [name, globalThis[name]]));
  const requests = [];
  sandbox.fetch = async (input, init) => {
    const request = new Request(input, init);
    requests.push(request);
    return Response.json(
      { detail: [{ loc: ['body', 'memory'], msg: 'Field required', type: 'missing' }] },
      { status: 422, headers: { 'x-request-id': 'req_browser' } },
    );
  };
  const context = vm.createContext(sandbox);
  vm.runInContext('globalThis.self = globalThis; globalThis.window = globalThis;', context);
  const before = new Set(vm.runInContext('Object.getOwnPropertyNames(globalThis)', context));
  let memwire;
  try {
    if (kind === 'script') {
      vm.runInContext(code, context, { filename: 'memwire.global.js' });
      memwire = vm.runInContext('typeof memwire === "undefined" ? undefined : memwire', context);
      if (memwire === undefined) return ['defines no global `memwire`'];
      const globals = vm.runInContext('Object.getOwnPropertyNames(globalThis)', context);
      const extra = globals.filter((name) => !before.has(name) && name !== 'memwire');
      if (extra.length > 0) return [`defines globals besides \`memwire\`: ${extra.join(', ')}`];
    } else {
      const module = new vm.SourceTextModule(code, { context, identifier: 'memwire.min.js' });
      await module.link((specifier) => {
        throw new Error(`imports "${specifier}"`);
      });
      await module.evaluate();
      memwire = module.namespace;
    }
  } catch (error) {
    return [`does not load with web globals alone: ${shortError(error)}`];
  }

  const found = [];
  const missing = EXPORTS.filter((name) => memwire[name] === undefined);
  if (missing.length > 0) found.push(`does not export ${missing.join(', ')}`);
  if (found.length > 0) return found;

  try {
    const mielto = new memwire.Mielto({ apiKey: 'sk_browser', workspaceId: 'ws_browser', maxRetries: 0 });
    await mielto.memories.update('mem_1', { memory: 'x' });
    found.push('a 422 did not throw');
  } catch (error) {
    if (!(error instanceof memwire.ValidationError)) {
      found.push(`a 422 threw ${shortError(error)}, not the bundle's ValidationError`);
    } else {
      const fields = error.fieldErrors();
      if (error.status !== 422 || error.requestId !== 'req_browser' || JSON.stringify(fields) === '{}') {
        found.push(`the ValidationError is wrong: ${JSON.stringify({ status: error.status, fields })}`);
      }
    }
  }
  const [request] = requests;
  if (requests.length !== 1 || !request) {
    found.push(`expected one request through the page's fetch, saw ${requests.length}`);
  } else if (
    request.method !== 'PUT' ||
    request.url !== 'https://api.mielto.com/api/v1/memories/mem_1' ||
    request.headers.get('authorization') !== 'Bearer sk_browser' ||
    request.headers.get('x-workspace-id') !== 'ws_browser'
  ) {
    found.push(`sent the wrong request: ${request.method} ${request.url}`);
  }
  return found;
}

/** An error's name and message and where it was thrown, without a minified line's whole text. */
function shortError(error) {
  if (!(error instanceof Error) && !(typeof error === 'object' && error !== null && 'stack' in error)) return String(error);
  const frames = String(error.stack)
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 3);
  return [`${error.name}: ${error.message}`, ...frames].join('\n      ');
}
