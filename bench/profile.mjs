// `node bench/profile.mjs [--no-build] [--requests 10000] [--imports 15] [--pairs 30]
// [--only cpu|bytes|import|paired|tool|batch]`:
// where memwire's extra time and bytes go, for when bench/run.mjs reports a missed target. Prints a
// report and writes bench/PROFILE.md.
//
// 1. CPU: the load child (load.mjs) of bare openapi-fetch and of memwire, each profiled by V8's
//    sampling profiler over exactly its measured phase (requests at 32 in flight), then the samples
//    compared per request: by module, by function, and for memwire, by which of its own functions
//    (and what they called) was on the stack.
// 2. Bytes: the `Mielto`-alone and all-four entries bundled from src/ instead of dist/ (the same
//    esbuild, so the same code) with a source map, which says which source file each output byte
//    comes from; then how much gzip would save without each file, and what memwire's own code
//    would weigh with no error messages at all (the most that shortening them could save).
// 3. Cold import: openapi-fetch imported first, then memwire, in fresh processes, to split the
//    import time between the dependency and memwire's own module.
// 4. Paired CPU: bare openapi-fetch and memwire taking turns in one process (paired.mjs), which
//    cancels the between-process noise that run.mjs's fresh processes are exposed to.
//
// MEMWIRE_ENTRY=file:///…/index.js node bench/profile.mjs profiles another build (a change being
// tried out) instead of `npm run build`'s.
import { execFile, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import ts from 'typescript';
import { buildSnapshot } from './build.mjs';
import { bundleSize, ENTRIES, gzip } from './sizes.mjs';

const run = promisify(execFile);
const ROOT = new URL('../', import.meta.url);
const here = (file) => new URL(file, import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    requests: { type: 'string', default: '10000' },
    imports: { type: 'string', default: '15' },
    pairs: { type: 'string', default: '30' },
    only: { type: 'string' }, // cpu, bytes, import, paired, tool or batch: one part of the report
  },
});
const wanted = (part) => args.only === undefined || args.only === part;
const REQUESTS = Number(args.requests);
const log = (line) => process.stderr.write(`${line}\n`);
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const lines = [];
const out = (line = '') => lines.push(line);

// The CPU, import and paired parts load a build; the bytes part bundles src/ and needs none.
const memwire = !(wanted('cpu') || wanted('import') || wanted('paired') || wanted('tool') || wanted('batch'))
  ? undefined
  : process.env.MEMWIRE_ENTRY
    ? { entry: process.env.MEMWIRE_ENTRY }
    : buildSnapshot({ build: !args['no-build'] });
if (memwire) process.env.MEMWIRE_ENTRY = memwire.entry; // for clients/memwire.mjs in the load children

// ---- 1. CPU ------------------------------------------------------------------------------------

/** What a sampled frame belongs to, from its script's URL. */
function category({ url, functionName }) {
  if (!url) {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(program)') return 'V8/native, unattributed';
    return `native: ${functionName}`; // V8 builtins and Node's C++ bindings
  }
  if (url.endsWith('/dist/index.js')) return 'memwire (dist/index.js)';
  if (url.includes('node_modules/openapi-fetch')) return 'openapi-fetch';
  if (url.includes('/bench/')) return 'bench harness';
  if (url.includes('internal/deps/undici')) return 'undici (fetch, Request, Response, Headers, body)';
  if (url.includes('internal/webstreams')) return 'web streams (node:internal/webstreams)';
  if (url.includes('abort_controller') || url.includes('event_target')) return 'AbortController / EventTarget';
  if (url.includes('timers')) return 'timers';
  return 'node core (net, stream, process, …)';
}

/** A frame as `function module:line`, the module named short. */
function frameName({ functionName, url, lineNumber }) {
  let where = url;
  if (url.includes('/openapi-fetch/')) where = 'openapi-fetch';
  else if (url.endsWith('/dist/index.js')) where = 'memwire';
  else if (url.includes('/bench/')) where = url.replace(/^.*\/bench\//, 'bench/');
  else where = url.replace(/^node:internal\/(deps\/undici\/)?/, '');
  return `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
}

/** Reads a .cpuprofile into per-sample stacks (innermost first) with each sample's µs. */
function readProfile(path) {
  const profile = JSON.parse(readFileSync(path, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stackOf = new Map();
  const stack = (id) => {
    if (!stackOf.has(id)) {
      const frames = [];
      for (let at = id; at !== undefined; at = parent.get(at)) frames.push(byId.get(at).callFrame);
      stackOf.set(id, frames);
    }
    return stackOf.get(id);
  };
  return profile.samples.map((id, i) => ({ frames: stack(id), us: profile.timeDeltas[i] ?? 0 }));
}

/** µs per request by key; `keyOf(sample)` may return undefined to skip a sample. */
function tally(samples, keyOf) {
  const totals = new Map();
  for (const sample of samples) {
    const key = keyOf(sample);
    if (key !== undefined) totals.set(key, (totals.get(key) ?? 0) + sample.us / REQUESTS);
  }
  return totals;
}

const busy = (sample) => category(sample.frames[0]) !== 'idle';

async function profileClients() {
  const server = fork(here('server.mjs'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port } = await new Promise((resolve) => server.once('message', resolve));
  const dir = mkdtempSync(join(tmpdir(), 'memwire-profile-'));
  const samples = {};
  for (const client of ['openapi-fetch', 'memwire']) {
    log(`profiling ${client}…`);
    const profile = join(dir, `${client}.cpuprofile`);
    const config = {
      client,
      baseUrl: `http://127.0.0.1:${port}`,
      warmup: 2000,
      sequential: 0,
      concurrent: REQUESTS,
      inFlight: 32,
      profile,
    };
    await run(process.execPath, ['--expose-gc', here('load.mjs'), JSON.stringify(config)], { cwd: ROOT });
    samples[client] = readProfile(profile).filter(busy);
  }
  server.disconnect();
  return samples;
}

function compare(title, keyOf, samples, limit) {
  const base = tally(samples['openapi-fetch'], keyOf);
  const ours = tally(samples.memwire, keyOf);
  const keys = [...new Set([...base.keys(), ...ours.keys()])]
    .map((key) => ({ key, base: base.get(key) ?? 0, ours: ours.get(key) ?? 0 }))
    .sort((a, b) => b.ours - b.base - (a.ours - a.base))
    .slice(0, limit);
  out(`| ${title} | bare openapi-fetch | memwire | difference |`);
  out('| :-- | --: | --: | --: |');
  for (const { key, base, ours } of keys) {
    out(
      `| ${key} | ${base.toFixed(1)} µs | ${ours.toFixed(1)} µs | ${ours - base >= 0 ? '+' : ''}${(ours - base).toFixed(1)} µs |`,
    );
  }
  out();
}

async function reportCpu() {
  const samples = await profileClients();
  const total = (client) => samples[client].reduce((sum, sample) => sum + sample.us, 0) / REQUESTS;
  const extra = total('memwire') - total('openapi-fetch');
  out(
    `## CPU per request at 32 in flight (${REQUESTS.toLocaleString('en-US')} requests, V8 sampling profiler, main thread, idle excluded)`,
  );
  out();
  out(
    `Bare openapi-fetch ${total('openapi-fetch').toFixed(1)} µs, memwire ${total('memwire').toFixed(1)} µs: **+${extra.toFixed(1)} µs** (${((extra / total('openapi-fetch')) * 100).toFixed(0)}%).`,
  );
  out('Self time (in the function itself, not in what it calls): all rows of a table, not only the largest differences');
  out('shown here, add up to the totals above.');
  out();
  compare('by module', (sample) => category(sample.frames[0]), samples, 12);
  compare('by function (largest increases)', (sample) => frameName(sample.frames[0]), samples, 20);

  // For memwire: the innermost memwire function on each sample's stack, and the function it called,
  // i.e. how much of the time was spent in (or synchronously below) each line of memwire's code.
  const underMemwire = tally(samples.memwire, (sample) => {
    const at = sample.frames.findIndex((frame) => frame.url.endsWith('/dist/index.js'));
    if (at === -1) return undefined;
    const callee = at > 0 ? sample.frames[at - 1] : undefined;
    return `${frameName(sample.frames[at])} → ${callee ? frameName(callee) : '(itself)'}`;
  });
  const underTotal = [...underMemwire.values()].reduce((a, b) => a + b, 0);
  out(`### Time with memwire's code on the stack: ${underTotal.toFixed(1)} µs per request`);
  out();
  out('Innermost memwire function → what it was calling (synchronously) when sampled:');
  out();
  out('| memwire function → callee | µs per request |');
  out('| :-- | --: |');
  for (const [key, us] of [...underMemwire].sort((a, b) => b[1] - a[1]).slice(0, 20)) out(`| ${key} | ${us.toFixed(1)} |`);
  out();
}

// ---- 2. Bytes ----------------------------------------------------------------------------------

const B64 = Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** [output offset, source index] for each segment of a source map (-1: no source). */
function mappedOffsets(output, map) {
  const lineStarts = [0];
  for (let i = output.indexOf('\n'); i !== -1; i = output.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const offsets = [];
  let source = 0;
  for (const [line, text] of map.mappings.split(';').entries()) {
    let column = 0;
    for (const segment of text.split(',').filter(Boolean)) {
      const values = []; // base64 VLQ: 5 bits a digit, the 6th says "more", the lowest bit the sign
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = B64[char];
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = shift = 0;
        }
      }
      column += values[0];
      if (values.length > 1) source += values[1];
      offsets.push([lineStarts[line] + column, values.length > 1 ? source : -1]);
    }
  }
  return offsets.sort((a, b) => a[0] - b[0]);
}

/**
 * Each source file's share of a minified bundle: its bytes in the output (from the source map) and
 * how many gzipped bytes the bundle would lose without them (gzip shares context between files,
 * so these do not add up to the total; they rank the files).
 */
function bytesBySource({ output, map, gzip: total }) {
  const owner = new Array(output.length).fill('(esbuild glue)');
  const offsets = mappedOffsets(output, map);
  const name = (source) => (source.includes('node_modules/openapi-fetch/') ? 'openapi-fetch' : source.replace(/^(\.\.\/)+/, ''));
  offsets.forEach(([from, source], i) => {
    const to = offsets[i + 1]?.[0] ?? output.length;
    if (source >= 0) owner.fill(name(map.sources[source]), from, to);
  });
  const files = new Map();
  owner.forEach((file) => files.set(file, (files.get(file) ?? 0) + 1));
  return [...files]
    .map(([file, bytes]) => {
      const without = Buffer.from(
        output
          .split('')
          .filter((_, i) => owner[i] !== file)
          .join(''),
      );
      return { file, bytes, gzipSaved: total - gzip(without) };
    })
    .sort((a, b) => b.gzipSaved - a.gzipSaved);
}

const LONG_STRING = 12;

/** `code` with each string and template literal longer than LONG_STRING characters replaced by "". */
function withoutLongStrings(code) {
  const file = ts.createSourceFile('bundle.js', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const spans = [];
  const visit = (node) => {
    const literal = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node);
    if (literal && node.getText(file).length > LONG_STRING + 2) spans.push([node.getStart(file), node.getEnd()]);
    else ts.forEachChild(node, visit);
  };
  visit(file);
  return spans.reduceRight((text, [from, to]) => `${text.slice(0, from)}""${text.slice(to)}`, code);
}

async function reportBytes() {
  out('## Browser bundle bytes by source file');
  out();
  out('The entries bundled from src/ (alias `memwire` → src/index.ts; the same esbuild as the build, so the same code) with a');
  out('source map, which says which file each output byte comes from. "gzip saved" is how much smaller the gzipped bundle');
  out("would be without that file's bytes (gzip shares context between files, so the column does not add up to the total).");
  out();
  const fromSource = { alias: { memwire: here('../src/index.ts') } };
  for (const entry of ENTRIES.filter((e) => e.code.includes('memwire'))) {
    const size = await bundleSize(entry.code, { ...fromSource, sourcemap: 'external' });
    // The same bundle without openapi-fetch: what memwire's own code weighs, gzipped on its own.
    const own = await bundleSize(entry.code, { ...fromSource, external: ['openapi-fetch'] });
    out(`### ${entry.name}: ${size.minified.toLocaleString('en-US')} B minified, ${size.gzip.toLocaleString('en-US')} B gzip`);
    out();
    out(
      `memwire's own code (openapi-fetch left external): ${own.minified.toLocaleString('en-US')} B minified, ${own.gzip.toLocaleString('en-US')} B gzip;`,
    );
    out(
      `with every string over ${LONG_STRING} characters emptied (the error messages, mostly): ${gzip(Buffer.from(withoutLongStrings(own.output))).toLocaleString('en-US')} B gzip,`,
    );
    out('the least that shortening messages could reach.');
    out();
    out('| file | minified bytes | share | gzip saved without it |');
    out('| :-- | --: | --: | --: |');
    for (const { file, bytes, gzipSaved } of bytesBySource(size).slice(0, 25)) {
      out(
        `| ${file} | ${bytes.toLocaleString('en-US')} | ${((bytes / size.minified) * 100).toFixed(1)}% | ${gzipSaved.toLocaleString('en-US')} |`,
      );
    }
    out();
  }
}

// ---- 3. Cold import ----------------------------------------------------------------------------

async function reportImport() {
  log('cold imports…');
  const split = { 'openapi-fetch': [], 'memwire, after openapi-fetch': [] };
  for (let i = 0; i < Number(args.imports); i++) {
    const { stdout } = await run(process.execPath, [here('cold-import.mjs'), 'openapi-fetch', memwire.entry], { cwd: ROOT });
    const [dependency, ours] = stdout.trim().split(' ').map(Number);
    split['openapi-fetch'].push(dependency);
    split['memwire, after openapi-fetch'].push(ours);
  }
  out('## Cold import, split');
  out();
  out('| first import() in a fresh process | median |');
  out('| :-- | --: |');
  for (const [name, times] of Object.entries(split)) out(`| ${name} | ${median(times).toFixed(1)} ms |`);
  out();
}

// ---- 4. Paired CPU ------------------------------------------------------------------------------

async function reportPaired() {
  // memwire as it ships (no hooks, logger off), then with all three hooks set, each paired with bare openapi-fetch.
  for (const client of ['memwire', 'memwire-hooks']) await reportPair(client);
}

const NAMES = {
  'openapi-fetch': 'bare openapi-fetch',
  memwire: 'memwire (no hooks, logger off)',
  'memwire-hooks': 'memwire (all three hooks set)',
  'memwire-tool': 'memwire/tools (mielto_update_memory)',
  'memwire-batch': 'memwire/batch (applyUpdates, mielto_update_memory)',
};

async function reportPair(client, baseline = 'openapi-fetch') {
  const pairsWanted = Number(args.pairs);
  const batch = 1000;
  log(`paired CPU (${client}): ${pairsWanted} pairs of ${batch} requests…`);
  const server = fork(here('server.mjs'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port } = await new Promise((resolve) => server.once('message', resolve));
  const config = {
    baseUrl: `http://127.0.0.1:${port}`,
    clients: [baseline, client],
    batch,
    pairs: pairsWanted,
    inFlight: 32,
  };
  const { stdout } = await run(process.execPath, ['--expose-gc', here('paired.mjs'), JSON.stringify(config)], { cwd: ROOT });
  server.disconnect();
  const { pairs } = JSON.parse(stdout);
  const mean = (key) => pairs.reduce((sum, pair) => sum + pair[key], 0) / pairs.length;
  const ratios = pairs.map((pair) => pair.bUs / pair.aUs).sort((x, y) => x - y);
  const quartile = (q) => ratios[Math.round(q * (ratios.length - 1))].toFixed(3);
  const name = NAMES[client];
  out(
    `## CPU per request at 32 in flight, paired in one process: ${name} (${pairs.length} pairs of ${batch.toLocaleString('en-US')} requests)`,
  );
  out();
  out('The two clients take turns in one process (bench/paired.mjs), the first of each pair alternating, so the');
  out("machine's noise falls on both alike; run.mjs's fresh processes differ by about ±15% among themselves.");
  out();
  out(`| ${NAMES[baseline]} | ${name} | ratio of means | per-pair ratio, median (quartiles) |`);
  out('| --: | --: | --: | --: |');
  out(
    `| ${mean('aUs').toFixed(0)} µs | ${mean('bUs').toFixed(0)} µs | ${(mean('bUs') / mean('aUs')).toFixed(3)}× | ${quartile(0.5)}× (${quartile(0.25)}–${quartile(0.75)}) |`,
  );
  out();
}

out("# Where memwire's time and bytes go");
out();
if (wanted('cpu')) await reportCpu();
if (wanted('bytes')) await reportBytes();
if (wanted('import')) await reportImport();
if (wanted('paired')) await reportPaired();
// A tool call against the client call it wraps (issue 20): `--only tool`.
if (args.only === 'tool') await reportPair('memwire-tool', 'memwire');
// An update applied through applyUpdates against the client call (issue 22): `--only batch`.
if (args.only === 'batch') await reportPair('memwire-batch', 'memwire');

const report = lines.join('\n');
writeFileSync(here('PROFILE.md'), report);
process.stdout.write(`${report}\n`);
