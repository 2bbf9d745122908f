// `npm run bench`: how much memwire's Mielto costs over the fetch and openapi-fetch it is built on,
// in time, CPU, browser bytes and import time. Builds the package, runs everything, prints the
// results and writes them to bench/RESULTS.md. Not part of `npm test`: it takes minutes.
//
//   node bench/run.mjs [--no-build] [--requests 10000] [--warmup 2000] [--imports 15] [--check]
//
// --no-build measures dist/ as it is; --check exits 1 when a target is missed. --requests and
// --warmup are per client and mode; the defaults keep the whole run near 4 minutes on 2 cores.
//
// This machine is shared and noisy, so absolute numbers drift from run to run. What the run is
// built to measure well is the RATIO between clients: every client runs in a fresh process
// against the same server, three rounds in rotated order (so no client always goes first or
// last), and each ratio is taken within a round before the median across rounds is taken.
import { execFile, fork, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs, promisify } from 'node:util';
import { version as esbuildVersion } from 'esbuild';
import { PATCH_JSON, RESPONSE_BODY } from './fixtures.mjs';
import { buildSnapshot } from './build.mjs';
import { bundleSizes } from './sizes.mjs';

const run = promisify(execFile);
const ROOT = new URL('../', import.meta.url);
const here = (file) => new URL(file, import.meta.url).pathname;

const { values: args } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    requests: { type: 'string', default: '10000' },
    warmup: { type: 'string', default: '2000' },
    imports: { type: 'string', default: '15' },
    check: { type: 'boolean', default: false },
  },
});
const REQUESTS = Number(args.requests);
const WARMUP = Number(args.warmup);
const IMPORT_RUNS = Number(args.imports);
const IN_FLIGHT = 32;

const CLIENTS = {
  'raw-fetch': 'raw fetch',
  'openapi-fetch': 'bare openapi-fetch',
  memwire: 'memwire `Mielto`',
};
// ABC, CBA, BCA: each client is first, middle and last once.
const ROUNDS = [
  ['raw-fetch', 'openapi-fetch', 'memwire'],
  ['memwire', 'openapi-fetch', 'raw-fetch'],
  ['openapi-fetch', 'memwire', 'raw-fetch'],
];

const log = (line) => process.stderr.write(`${line}\n`);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// 1. Build: the bench measures what `npm run build` ships (dist/index.js), never src/, from a
// snapshot that a rebuild of dist/ during the run cannot change (build.mjs).
const memwire = buildSnapshot({ build: !args['no-build'] });
process.env.MEMWIRE_ENTRY = memwire.entry; // for clients/memwire.mjs in the load children

// 2. Round trips: one server process for the whole run, one fresh process per client per round.
const server = fork(here('server.mjs'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const { port } = await new Promise((resolve) => server.once('message', resolve));
const baseUrl = `http://127.0.0.1:${port}`;

const serverStats = () => {
  server.send('stats');
  return new Promise((resolve) => server.once('message', ({ stats }) => resolve(stats)));
};

// The machine's busy CPU time so far in µs (Linux; elsewhere undefined): all cores, all processes.
function machineBusyUs() {
  try {
    const [, ...jiffies] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = jiffies; // not idle, not iowait
    return (user + nice + system + irq + softirq + steal) * 10_000; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

const rounds = [];
for (const [index, order] of ROUNDS.entries()) {
  const round = { order, results: {} };
  for (const client of order) {
    const config = { client, baseUrl, warmup: WARMUP, sequential: REQUESTS, concurrent: REQUESTS, inFlight: IN_FLIGHT };
    const [before, busyBefore, started] = [await serverStats(), machineBusyUs(), Date.now()];
    const { stdout } = await run(process.execPath, ['--expose-gc', here('load.mjs'), JSON.stringify(config)], {
      cwd: ROOT,
    });
    const [after, busyAfter, wallUs] = [await serverStats(), machineBusyUs(), (Date.now() - started) * 1000];
    const result = JSON.parse(stdout);
    // What else the machine did meanwhile, in cores: busy time not spent by this client or the server.
    const others = busyAfter - busyBefore - result.processCpuUs - (after.cpuUs - before.cpuUs);
    result.otherCores = Number.isNaN(others) ? undefined : Math.max(0, others) / wallUs;
    result.serverBusy = (after.cpuUs - before.cpuUs) / wallUs;
    round.results[client] = result;
    log(`round ${index + 1}: ${client} done in ${(wallUs / 1e6).toFixed(1)} s`);
  }
  rounds.push(round);
}
const { rejected } = await serverStats();
server.disconnect(); // the server exits when its channel closes
if (rejected > 0) throw new Error(`the server rejected ${rejected} requests`);

// 3. Browser bundle sizes.
log('bundling…');
const sizes = await bundleSizes(memwire.packageDir);

// 4. Cold import, alternating the modules so drift hits all of them alike.
log('cold imports…');
const IMPORTS = { memwire: memwire.entry, 'openapi-fetch': 'openapi-fetch', 'empty module': './fixtures/empty.mjs' };
const importTimes = Object.fromEntries(Object.keys(IMPORTS).map((name) => [name, []]));
for (let i = 0; i < IMPORT_RUNS; i++) {
  for (const [name, specifier] of Object.entries(IMPORTS)) {
    const { stdout } = await run(process.execPath, [here('cold-import.mjs'), specifier], { cwd: ROOT });
    importTimes[name].push(Number(stdout));
  }
}

// 5. Summaries.
const METRICS = [
  ['sequential p50', (r) => r.sequential.p50Us, 'µs'],
  ['sequential p99', (r) => r.sequential.p99Us, 'µs'],
  ['sequential CPU/req', (r) => r.sequential.cpuPerRequestUs, 'µs'],
  [`req/s at ${IN_FLIGHT} in flight`, (r) => r.concurrent.requestsPerSecond, 'req/s'],
  [`CPU/req at ${IN_FLIGHT} in flight`, (r) => r.concurrent.cpuPerRequestUs, 'µs'],
];
const medianOf = (client, pick) => median(rounds.map((round) => pick(round.results[client])));
// The ratio is taken inside each round (its clients ran minutes apart at most) and then the median.
const ratioOf = (client, base, pick) => median(rounds.map((round) => pick(round.results[client]) / pick(round.results[base])));

const formatUs = (us) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(0)} µs`);
const formatValue = (value, unit) => (unit === 'µs' ? formatUs(value) : Math.round(value).toLocaleString('en-US'));
const formatRatio = (ratio) => `${ratio.toFixed(2)}×`;
const formatChange = (ratio) => `${ratio >= 1 ? '+' : '−'}${(Math.abs(ratio - 1) * 100).toFixed(1)}%`;
const formatBytes = (bytes) => `${bytes.toLocaleString('en-US')} B (${(bytes / 1000).toFixed(2)} kB)`;

const throughputRatio = ratioOf('memwire', 'openapi-fetch', (r) => r.concurrent.requestsPerSecond);
const cpuRatio = ratioOf('memwire', 'openapi-fetch', (r) => r.concurrent.cpuPerRequestUs);
const gzipOf = (name) => sizes.find((size) => size.name === name).gzip;
const mieltoExtra = gzipOf('`Mielto` alone') - gzipOf('bare openapi-fetch');
const allFour = gzipOf('all four clients');
const importExtra = median(importTimes.memwire) - median(importTimes['empty module']);

const targets = [
  [
    `memwire's throughput at ${IN_FLIGHT} in flight within 5% of bare openapi-fetch`,
    `${formatRatio(throughputRatio)} (${formatChange(throughputRatio)})`,
    '≥ 0.95×',
    throughputRatio >= 0.95,
  ],
  [
    `memwire's CPU per request at ${IN_FLIGHT} in flight within 5% of bare openapi-fetch`,
    `${formatRatio(cpuRatio)} (${formatChange(cpuRatio)})`,
    '≤ 1.05×',
    cpuRatio <= 1.05,
  ],
  ['`Mielto` alone within 1.5 kB gzip of bare openapi-fetch', `+${formatBytes(mieltoExtra)}`, '≤ +1,500 B', mieltoExtra <= 1500],
  ['all four clients under 5.5 kB gzip', formatBytes(allFour), '< 5,500 B', allFour < 5500],
  [
    'cold `import("memwire")` under 10 ms more than an empty import',
    `+${importExtra.toFixed(1)} ms`,
    '< +10 ms',
    importExtra < 10,
  ],
];

const packageVersion = (path) => JSON.parse(readFileSync(new URL(path, ROOT), 'utf8')).version;
const git = spawnSync('git', ['describe', '--always', '--dirty'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
// A markdown table; the first `textColumns` columns are left-aligned, the numbers right-aligned.
const table = (header, rows, textColumns = 1) =>
  [`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i < textColumns ? ':--' : '--:')).join(' | ')} |`]
    .concat(rows.map((row) => `| ${row.join(' | ')} |`))
    .join('\n');

const markdown = `# memwire benchmark

Written by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString()}.
Node ${process.version} · memwire ${packageVersion('package.json')} (${git || 'no git'}) · openapi-fetch ${packageVersion('node_modules/openapi-fetch/package.json')} · esbuild ${esbuildVersion}
${os.type()} ${os.release()} ${os.arch()} · ${os.cpus()[0]?.model ?? 'unknown CPU'} · ${os.cpus().length} cores

## Targets

${table(
  ['target', 'measured', 'limit', 'result'],
  targets.map(([name, measured, limit, met]) => [name, measured, limit, met ? '**met**' : '**missed**']),
)}

For a missed target, \`node bench/profile.mjs\` shows where the time and the bytes go (it writes bench/PROFILE.md).

## Update round trip

\`PUT /api/v1/memories/{memory_id}\` (bearer key, X-Workspace-Id, ${PATCH_JSON.length}-byte JSON body) against a node:http server on
127.0.0.1 in its own process answering a ${RESPONSE_BODY.length}-byte MemoryUpdateResponse. Each client in a fresh process:
warm-up of ${WARMUP.toLocaleString('en-US')} requests sequentially and ${WARMUP.toLocaleString('en-US')} at ${IN_FLIGHT} in flight, then ${REQUESTS.toLocaleString('en-US')} measured sequentially and ${REQUESTS.toLocaleString('en-US')} at ${IN_FLIGHT} in flight.
CPU is the client process's user + system time (process.cpuUsage). Medians of ${rounds.length} rounds.

${table(
  ['client', ...METRICS.map(([name]) => name)],
  Object.entries(CLIENTS).map(([client, label]) => [
    label,
    ...METRICS.map(([, pick, unit]) => formatValue(medianOf(client, pick), unit)),
  ]),
)}

Ratios, each the median of the ${rounds.length} per-round ratios (for req/s higher is better, for the rest lower is better):

${table(
  ['ratio', ...METRICS.map(([name]) => name)],
  [
    ['bare openapi-fetch ÷ raw fetch', 'openapi-fetch', 'raw-fetch'],
    ['memwire ÷ raw fetch', 'memwire', 'raw-fetch'],
    ['**memwire ÷ bare openapi-fetch**', 'memwire', 'openapi-fetch'],
  ].map(([label, client, base]) => [label, ...METRICS.map(([, pick]) => formatRatio(ratioOf(client, base, pick)))]),
)}

Per round, in the order run. "client busy": the client's CPU time over wall time at ${IN_FLIGHT} in flight (near 100%:
the client, not the server, was the bottleneck; GC threads can take it past 100%). "server": the server's CPU over
the client's whole run. "others": cores used by other processes meanwhile (noise; from \`/proc/stat\`).

${table(
  ['round', 'client', ...METRICS.map(([name]) => name), 'client busy', 'server', 'others'],
  rounds.flatMap((round, index) =>
    round.order.map((client) => [
      String(index + 1),
      CLIENTS[client],
      ...METRICS.map(([, pick, unit]) => formatValue(pick(round.results[client]), unit)),
      `${(round.results[client].concurrent.cpuBusy * 100).toFixed(0)}%`,
      `${(round.results[client].serverBusy * 100).toFixed(0)}%`,
      round.results[client].otherCores === undefined ? 'n/a' : round.results[client].otherCores.toFixed(2),
    ]),
  ),
  2,
)}

## Browser bundle

esbuild ${esbuildVersion}, \`bundle\`, \`minify\`, \`format: 'esm'\`, \`platform: 'browser'\`, of a one-line entry; gzip level 9 (1 kB = 1,000 B).

${table(
  ['entry', 'minified', 'gzip'],
  sizes.map((size) => [size.name, formatBytes(size.minified), formatBytes(size.gzip)]),
)}

## Cold import

The first \`import()\` of each module in a fresh \`node\` process (resolve, read, compile, evaluate), ${IMPORT_RUNS} runs each, interleaved.
\`memwire\` is dist/index.js and the openapi-fetch it imports.

${table(
  ['module', 'median', 'min', 'max'],
  Object.entries(importTimes).map(([name, times]) => [
    name,
    `${median(times).toFixed(1)} ms`,
    `${Math.min(...times).toFixed(1)} ms`,
    `${Math.max(...times).toFixed(1)} ms`,
  ]),
)}
`;

writeFileSync(here('RESULTS.md'), markdown);
process.stdout.write(`\n${markdown}\n`);
const missed = targets.filter(([, , , met]) => !met).length;
log(missed ? `${missed} target(s) missed: \`node bench/profile.mjs\` shows where the time and bytes go.` : 'all targets met');
if (args.check && missed) process.exitCode = 1;
