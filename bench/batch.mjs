// `node bench/batch.mjs [--no-build] [--only limit|memory] [--updates 10000] [--concurrency N]`:
// memwire/batch's `applyUpdates` over many updates. Prints a Markdown report; a full run (no
// --only) also writes it to bench/BATCH.md. Not part of `npm test`.
//
// 1. Rate limit (`--only limit`): `--updates` MemoryLayer updates (memorylayer_update_memory)
//    through `applyUpdates({ memoryLayer }, updates)`, at its default concurrency unless
//    --concurrency is given, against a stand-in `PATCH /v1/memories/{id}` on 127.0.0.1 behind a
//    token bucket of 200 requests a second (capacity 200: MemoryLayer's "100 a minute" scaled up).
//    An empty bucket answers 429 with `retry-after-ms`, the exact wait for the next token, and
//    `Retry-After`, that in whole seconds rounded up. The client is `new MemoryLayer({ apiKey,
//    baseUrl })`: memwire's defaults, whatever they cost. Targets: ≤ 0.1 429s per completed update,
//    and a wall time ≤ 1.10× the floor, the time the bucket needs to admit them all
//    ((updates − capacity) / rate). The server runs in a child process (this file, `--role
//    server`): in this one its HTTP parsing and JSON would share the client's event loop and delay
//    the very timers that pace the client, and with 2 cores each gets its own.
//    The report also says where the time over the floor went: the bucket's unused tokens, and per
//    second what the server saw (the first second in 50 ms steps), with every 429.
// 2. Memory (`--only memory`): 10k, 100k and 1M generated Mielto updates (a generator: the input is
//    never an array) through `applyUpdates({ mielto }, updates)`, the client's `fetch` answering at
//    once in-process with a MemoryUpdateResponse, so what is measured is memwire's own memory. The
//    outcomes are counted, never kept. Each size runs in a fresh `node --expose-gc` child (this
//    file, `--role memory`): heapUsed after a forced GC before and after the run (and at every
//    tenth of it), and the peak heapUsed sampled every 1,000 outcomes without GC. With such a
//    fetch the run never waits for I/O, so it is one job of the event loop, and V8 keeps what
//    WeakRefs point to until a job ends: each size is run twice, the consumer only counting
//    ("at once"), and also letting the event loop turn every 1,000 outcomes ("loop turns").
//
// memwire is loaded from bench/.snapshot/batch/ (build.mjs), so a rebuild during a run changes
// nothing; MEMWIRE_ENTRY=file:///…/dist/index.js loads another build (dist/batch.js beside it).
import { execFile, fork } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';

const SELF = fileURLToPath(import.meta.url);
const ROOT = new URL('../', import.meta.url);
const { values: args } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    only: { type: 'string' }, // limit or memory: one part of the report
    updates: { type: 'string', default: '10000' }, // the rate-limit part's updates
    concurrency: { type: 'string' }, // applyUpdates' concurrency; its default when not given
    role: { type: 'string' }, // the children: `server` (the rate-limited MemoryLayer) or `memory`
    count: { type: 'string' }, // a memory child's updates
    'turn-every': { type: 'string', default: '0' }, // a memory child's consumer: outcomes between event-loop turns
  },
});

const API_KEY = 'ml_bench_batch_7c1e4b9a2d6f4e08';
const LIMIT = { rate: 200, capacity: 200 }; // requests a second; the most at once
const MEMORY_SIZES = [10_000, 100_000, 1_000_000];
const SAMPLE_EVERY = 1_000; // outcomes between two peak-heap samples
const CHECKPOINTS = 10; // forced-GC heap samples during a memory run
const WARM_UP = 1_000; // updates through a throwaway client before a memory run's baseline

const log = (line) => process.stderr.write(`${line}\n`);
const MiB = (bytes) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;
const signedMiB = (bytes) => `${bytes < 0 ? '−' : '+'}${MiB(Math.abs(bytes))}`;
const count = (n) => n.toLocaleString('en-US');
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

// ---- the bench ---------------------------------------------------------------------------------

async function main() {
  if (args.only !== undefined && !['limit', 'memory'].includes(args.only)) throw new Error('--only is limit or memory');
  const wanted = (part) => args.only === undefined || args.only === part;
  if (!process.env.MEMWIRE_ENTRY) {
    const { buildSnapshot } = await import('./build.mjs');
    process.env.MEMWIRE_ENTRY = buildSnapshot({ build: !args['no-build'], name: 'batch' }).entry;
  }
  const version = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')).version;
  const lines = [
    '# memwire/batch: applyUpdates under a rate limit, and its memory',
    '',
    `memwire ${version} (${process.env.MEMWIRE_ENTRY.replace(/^.*\/(bench\/)/, '$1')}, built ${builtAt(process.env.MEMWIRE_ENTRY)}), Node ${process.version}, ${availableParallelism()} cores, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    `\`node bench/batch.mjs${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}\``,
    '',
  ];
  if (wanted('limit')) lines.push(...(await rateLimitPart()));
  if (wanted('memory')) lines.push(...(await memoryPart()));
  // Formatted as `npm run format` would (prettier checks every Markdown file of the repository).
  const target = fileURLToPath(new URL('BATCH.md', import.meta.url));
  const { format, resolveConfig } = await import('prettier');
  const markdown = await format(lines.join('\n'), { ...(await resolveConfig(target)), filepath: target });
  process.stdout.write(markdown);
  if (args.only) log('(--only: bench/BATCH.md left as it was)');
  else writeFileSync(target, markdown);
}

/** When the build an entry belongs to was made (its dist/index.js was written), to the minute, UTC. */
const builtAt = (entry) => `${statSync(new URL(entry)).mtime.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function wholeNumber(flag, text) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} takes a whole number of at least 1, got ${text}`);
  return value;
}

/** memwire's entry and memwire/batch's, from the snapshot (or MEMWIRE_ENTRY). */
async function loadMemwire() {
  const entry = process.env.MEMWIRE_ENTRY;
  /** @type {typeof import('memwire')} */
  const memwire = await import(entry);
  /** @type {typeof import('memwire/batch')} */
  const batch = await import(new URL('./batch.js', entry).href);
  return { memwire, batch };
}

/** What outcomes came to: a count by status, and the errors of those not `updated`, by message. */
function tally() {
  const byStatus = { updated: 0, failed: 0, unknown: 0 };
  const errors = new Map();
  return {
    byStatus,
    errors,
    add(outcome) {
      byStatus[outcome.status] = (byStatus[outcome.status] ?? 0) + 1;
      if (outcome.status === 'updated' && !outcome.error) return;
      const key = `${outcome.status}: ${outcome.error?.name}: ${outcome.error?.message}`;
      const seen = errors.get(key) ?? { count: 0, first: outcome.index };
      seen.count++;
      errors.set(key, seen);
    },
  };
}

// ---- 1. rate limit: the client side ------------------------------------------------------------

async function rateLimitPart() {
  const updates = wholeNumber('--updates', args.updates);
  const concurrency = args.concurrency === undefined ? undefined : wholeNumber('--concurrency', args.concurrency);
  const { memwire, batch } = await loadMemwire();
  const server = fork(SELF, ['--role', 'server'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [{ url }] = await once(server, 'message');
  const ask = async (message) => {
    server.send(message);
    const [reply] = await once(server, 'message');
    return reply;
  };

  const memoryLayer = new memwire.MemoryLayer({ apiKey: API_KEY, baseUrl: url });
  const floorMs = (Math.max(0, updates - LIMIT.capacity) / LIMIT.rate) * 1000;
  // A bound, in case pacing never ends: `signal` stops applyUpdates starting updates (it is not
  // handed to the calls, so it changes nothing before it aborts); those in flight end as they do.
  const deadlineMs = Math.max(60_000, 5 * floorMs);
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), deadlineMs);
  const options = { signal: stop.signal };
  if (concurrency !== undefined) options.concurrency = concurrency;
  const concurrencyLabel = concurrency === undefined ? `default (${batch.DEFAULT_CONCURRENCY})` : String(concurrency);

  log(`rate limit: ${count(updates)} updates, concurrency ${concurrencyLabel}, floor ${seconds(floorMs)}…`);
  const outcomes = tally();
  const load = { before: loadavg()[0] };
  const cpuBefore = process.cpuUsage();
  let wrongAnswers = 0;
  let last = performance.now();
  const started = last;
  const completedPerSecond = [];
  for await (const outcome of batch.applyUpdates({ memoryLayer }, memoryLayerUpdates(updates), options)) {
    outcomes.add(outcome);
    if (outcome.status === 'updated' && outcome.result?.id !== `mem_${outcome.index}`) wrongAnswers++;
    const second = Math.floor((performance.now() - started) / 1000);
    completedPerSecond[second] = (completedPerSecond[second] ?? 0) + (outcome.status === 'updated' ? 1 : 0);
    if (performance.now() - last > 5_000) {
      last = performance.now();
      log(`  ${((last - started) / 1000).toFixed(0)} s: ${count(outcomes.byStatus.updated)} updated`);
    }
  }
  const wallMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpuBefore);
  Object.assign(load, { after: loadavg()[0], clientCpuMs: (user + system) / 1000 });
  clearTimeout(timer);
  const { stats } = await ask('stats');
  server.disconnect();
  log(`rate limit: done in ${seconds(wallMs)}`);
  const deadline = stop.signal.aborted ? deadlineMs : undefined;
  const run = { updates, concurrencyLabel, floorMs, wallMs, deadline, load };
  return rateLimitReport(run, { outcomes, wrongAnswers, stats, completedPerSecond });
}

/** The rate-limit part's updates, made as they are read. */
function* memoryLayerUpdates(total) {
  for (let i = 0; i < total; i++) {
    yield { operation: 'memorylayer_update_memory', input: { id: `mem_${i}`, content: `Ada prefers green tea (update ${i})` } };
  }
}

/** The report of a rate-limit run: how it was run, and what the client and the server counted. */
function rateLimitReport(
  { updates, concurrencyLabel, floorMs, wallMs, deadline, load },
  { outcomes, wrongAnswers, stats, completedPerSecond },
) {
  const { byStatus, errors } = outcomes;
  const throttled = stats.byStatus[429] ?? 0;
  const perCompleted = byStatus.updated > 0 ? throttled / byStatus.updated : Infinity;
  const ratio = wallMs / floorMs;
  const met = (ok) => (ok ? 'met' : '**missed**');
  const allUpdated = byStatus.updated === updates && wrongAnswers === 0;
  const out = [
    `## 1. Rate limit: ${count(updates)} MemoryLayer updates into ${LIMIT.rate} requests a second (capacity ${LIMIT.capacity})`,
    '',
    `\`applyUpdates({ memoryLayer }, updates${concurrencyLabel.startsWith('default') ? '' : `, { concurrency: ${concurrencyLabel} }`})\`, concurrency ${concurrencyLabel}; \`new MemoryLayer({ apiKey, baseUrl })\` with every other option at its default`,
    "(maxRetries 2, retry budget 500 tokens at 5 a retry, shared Retry-After on); the bench's only option is a `signal` that",
    'stops starting updates at a deadline. The server, a child process on 127.0.0.1,',
    'answers at once; an empty bucket answers 429 with `retry-after-ms` (the exact wait for the next token) and `Retry-After`',
    '(that in whole seconds, rounded up).',
    '',
    '| | figure | target |',
    '| --- | --: | --- |',
    `| completed (\`updated\`) | ${count(byStatus.updated)} of ${count(updates)} | all: ${met(allUpdated)} |`,
    `| \`failed\` / \`unknown\` | ${count(byStatus.failed)} / ${count(byStatus.unknown)} | |`,
    `| requests the server saw | ${count(stats.requests)} (${Object.entries(stats.byStatus)
      .map(([status, n]) => `${count(n)} × ${status}`)
      .join(', ')}) | |`,
    `| 429s | ${count(throttled)} | |`,
    `| **429s per completed update** | **${perCompleted.toFixed(3)}** | ≤ 0.10: ${met(perCompleted <= 0.1)} |`,
    `| wall time | ${seconds(wallMs)} | |`,
    `| floor: (${count(updates)} − ${LIMIT.capacity}) / ${LIMIT.rate} a second | ${seconds(floorMs)} | |`,
    `| **wall time / floor** | **${ratio.toFixed(3)}×** | ≤ 1.10×: ${met(ratio <= 1.1)} |`,
  ];
  if (wrongAnswers > 0) out.push(`| \`updated\` with another memory's answer | ${count(wrongAnswers)} | none |`);
  if (stats.rejected > 0) out.push(`| requests the server refused as malformed (400) | ${count(stats.rejected)} | none |`);
  out.push(
    `| CPU: the client / the server (the machine's 1-minute load before → after) | ${seconds(load.clientCpuMs)} / ${seconds(stats.cpuMs)} (${load.before.toFixed(2)} → ${load.after.toFixed(2)}) | |`,
  );
  if (deadline) out.push(`| stopped starting updates at the bench's deadline | after ${seconds(deadline)} | no |`);
  out.push('');
  if (errors.size > 0) {
    out.push('Outcomes other than `updated`, by error:', '', '| outcomes | first index | status: error |', '| --: | --: | --- |');
    for (const [key, { count: n, first }] of errors) out.push(`| ${count(n)} | ${first} | ${key.replaceAll('|', '\\|')} |`);
    out.push('');
  }
  const { unused } = stats;
  const unusedMs = ((unused.overflowed + unused.leftAtEnd) / LIMIT.rate) * 1000;
  out.push(
    'Where the time went. From the first request to the last one admitted the bucket gave out exactly',
    `capacity + rate × time tokens; each one not used cost 1/${LIMIT.rate} s over the floor:`,
    '',
    '| | tokens | seconds |',
    '| --- | --: | --: |',
    `| overflowed (the bucket full, the client sending less than ${LIMIT.rate} a second) | ${unused.overflowed.toFixed(0)} | ${seconds((unused.overflowed / LIMIT.rate) * 1000)} |`,
    `| left in the bucket at the last admitted request | ${unused.leftAtEnd.toFixed(0)} | ${seconds((unused.leftAtEnd / LIMIT.rate) * 1000)} |`,
    `| first request → last admitted request (server's clock) | | ${seconds(unused.spanMs)} |`,
    `| = floor + unused tokens / ${LIMIT.rate} | | ${seconds(floorMs + unusedMs)} |`,
    `| before the first request and after the last admitted one (client's wall time − span) | | ${seconds(wallMs - unused.spanMs)} |`,
    '',
    `Per second, from the server's first request: what it saw, and what the client completed (its own clock, from the start).`,
    `The bucket refills ${LIMIT.rate} tokens a second; "overflowed" is capacity lost while it was full, "bucket" is the tokens`,
    `left after the second's last request; "gap" is the time between two requests as they reach the server (${LIMIT.rate} a second`,
    'is one every 5 ms).',
    '',
    '| second | requests | 200 | 429 | overflowed | bucket | gap: median | gap: 90th pct | completed (client) |',
    '| --: | --: | --: | --: | --: | --: | --: | --: | --: |',
  );
  const ms = (value) => (value === undefined ? '' : `${value.toFixed(2)} ms`);
  const rows = Math.max(stats.perSecond.length, completedPerSecond.length);
  for (let s = 0; s < rows; s++) {
    const row = stats.perSecond[s] ?? { requests: 0, ok: 0, throttled: 0, overflowed: 0 };
    const bucket = row.bucket === undefined ? '' : row.bucket.toFixed(1);
    out.push(
      `| ${s} | ${row.requests} | ${row.ok} | ${row.throttled} | ${row.overflowed.toFixed(0)} | ${bucket} | ${ms(row.gapMedian)} | ${ms(row.gapP90)} | ${completedPerSecond[s] ?? 0} |`,
    );
  }
  out.push(
    '',
    'The gaps between requests after the first second, by whole milliseconds:',
    '',
    '| gap | requests |',
    '| --: | --: |',
    ...Object.entries(stats.gapHistogram)
      .sort(([a], [b]) => (parseFloat(a.replace('≥ ', '')) || 0) - (parseFloat(b.replace('≥ ', '')) || 0))
      .map(([bin, n]) => `| ${bin === '≥ 10' ? bin : `${bin}–${Number(bin) + 1}`} ms | ${count(n)} |`),
    '',
    'The first second in 50 ms steps:',
    '',
    '| from | requests | 200 | 429 |',
    '| --: | --: | --: | --: |',
    ...stats.firstSecond.map((row, i) => `| ${i * 50} ms | ${row.requests} | ${row.ok ?? 0} | ${row.throttled ?? 0} |`),
    '',
  );
  const times = Object.entries(stats.throttledTimes);
  if (times.length > 0) {
    out.push(
      `Updates by how many 429s they got (with maxRetries 2, a third fails the update): ${times.map(([n, updates]) => `${count(updates)} got ${n}`).join(', ')}.`,
      '',
      `Every 429${stats.throttledLog.length > 40 ? ' (the first 40)' : ''}: when (ms from the first request), for which update, its how-manieth, and the wait it asked for.`,
      '',
      '| at | update | 429 number | retry-after-ms |',
      '| --: | --- | --: | --: |',
      ...stats.throttledLog.slice(0, 40).map(({ at, id, nth, waitMs }) => `| ${at.toFixed(1)} | ${id} | ${nth} | ${waitMs} |`),
      '',
    );
  }
  out.push('');
  return out;
}

// ---- 1. rate limit: the server (`--role server`, a child process) ------------------------------

/**
 * MemoryLayer's `PATCH /v1/memories/{id}` behind a token bucket, answering as MemoryLayerFake does
 * (src/testing/memorylayer-fake.ts): `{ success: true, data: <the memory>, message }`, the fields
 * generated/memorylayer.operations.ts requires (success boolean, data object, message string).
 */
async function serveMemoryLayer() {
  const bucket = tokenBucket(LIMIT);
  const stats = { requests: 0, byStatus: {}, rejected: 0, perSecond: [], firstSecond: [], throttledLog: [] };
  const throttledById = new Map();
  const gaps = []; // ms between a request and the one before it, by second
  let firstAt;
  let lastAt;
  const rowOf = (rows, width, now) => {
    const at = Math.floor((now - firstAt) / width);
    for (let i = rows.length; i <= at; i++) rows.push({ requests: 0, ok: 0, throttled: 0, overflowed: 0 });
    return rows[at];
  };

  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const now = performance.now();
      firstAt ??= now;
      stats.requests++;
      const second = Math.floor((now - firstAt) / 1000);
      if (lastAt !== undefined) (gaps[second] ??= []).push(now - lastAt);
      lastAt = now;
      const row = rowOf(stats.perSecond, 1000, now);
      const fine = now - firstAt < 1000 ? rowOf(stats.firstSecond, 50, now) : { requests: 0 };
      row.requests++;
      fine.requests++;
      const body = Buffer.concat(chunks).toString();
      const problem = check(request, body);
      let answer;
      if (problem) {
        stats.rejected++;
        answer = { status: 400, body: { success: false, message: `Invalid request data: ${problem}` } };
      } else {
        const taken = bucket.take(now);
        row.overflowed += taken.overflowed;
        row.bucket = taken.tokens;
        if (taken.ok) {
          row.ok++;
          fine.ok = (fine.ok ?? 0) + 1;
          answer = { status: 200, body: updatedMemory(request.url, JSON.parse(body)) };
        } else {
          row.throttled++;
          fine.throttled = (fine.throttled ?? 0) + 1;
          // The exact wait, to the microsecond (rounded up, so a retry at once after it finds a token).
          const waitMs = Math.ceil(taken.waitMs * 1000) / 1000;
          const id = request.url.slice('/v1/memories/'.length);
          throttledById.set(id, (throttledById.get(id) ?? 0) + 1);
          stats.throttledLog.push({ at: now - firstAt, id, waitMs, nth: throttledById.get(id) });
          const headers = { 'retry-after-ms': String(waitMs), 'retry-after': String(Math.ceil(waitMs / 1000)) };
          answer = { status: 429, headers, body: { success: false, message: 'Too many requests' } };
        }
      }
      stats.byStatus[answer.status] = (stats.byStatus[answer.status] ?? 0) + 1;
      const json = JSON.stringify(answer.body);
      response.writeHead(answer.status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(json),
        'x-request-id': `req_${stats.requests}`,
        ...answer.headers,
      });
      response.end(json);
    });
  });
  // Keep idle keep-alive sockets for the whole run: a client's sockets must survive its waits.
  server.keepAliveTimeout = 120_000;
  server.listen(0, '127.0.0.1', () => process.send({ url: `http://127.0.0.1:${server.address().port}` }));
  process.on('message', (message) => {
    if (message !== 'stats') return;
    const throttledTimes = {}; // updates by how many 429s they got
    for (const times of throttledById.values()) throttledTimes[times] = (throttledTimes[times] ?? 0) + 1;
    const gapStats = summarizeGaps(gaps);
    stats.perSecond.forEach((row, second) => Object.assign(row, gapStats.perSecond[second]));
    const { user, system } = process.cpuUsage();
    const cpuMs = (user + system) / 1000;
    process.send({ stats: { ...stats, throttledTimes, gapHistogram: gapStats.histogram, unused: bucket.unused(), cpuMs } });
  });
  // The parent's channel closing (it finished, or died) ends the server: nothing outlives the run.
  process.on('disconnect', () => process.exit(0));
}

/**
 * Per second, the median and 90th percentile of the gaps between requests; over the whole run
 * after the first second (the burst), how many gaps fell in each whole millisecond.
 */
function summarizeGaps(gaps) {
  const perSecond = gaps.map((list = []) => {
    const sorted = [...list].sort((a, b) => a - b);
    return { gapMedian: sorted[sorted.length >> 1], gapP90: sorted[Math.floor(sorted.length * 0.9)] };
  });
  const histogram = {};
  for (const list of gaps.slice(1)) {
    for (const gap of list ?? []) {
      const bin = gap >= 10 ? '≥ 10' : String(Math.floor(gap));
      histogram[bin] = (histogram[bin] ?? 0) + 1;
    }
  }
  return { perSecond, histogram };
}

/** What keeps a request from being a MemoryLayer update, or undefined. */
function check(request, body) {
  if (request.method !== 'PATCH') return `method ${request.method}`;
  if (!/^\/v1\/memories\/mem_\d+$/.test(request.url)) return `path ${request.url}`;
  if (request.headers.authorization !== `Bearer ${API_KEY}`) return 'authorization';
  if (!request.headers['content-type']?.startsWith('application/json')) return `content-type ${request.headers['content-type']}`;
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'body is not JSON';
  }
  if (typeof parsed?.content !== 'string') return 'content must be a string';
  return undefined;
}

const CREATED_AT = '2025-03-14T09:26:53.589Z';
const EMBEDDING = [0.0132, -0.0841, 0.0527, 0.1093, -0.0265, 0.0718, -0.0412, 0.0954];

/** MemoryLayer's 200 body for an update: the memory as stored after it, in the documented order. */
function updatedMemory(url, patch) {
  const id = url.slice('/v1/memories/'.length);
  const data = {
    id,
    layerId: patch.layerId ?? 'layer_preferences',
    content: patch.content,
    metadata: patch.metadata ?? { source: 'chat' },
    embedding: EMBEDDING,
    createdAt: CREATED_AT,
    updatedAt: new Date().toISOString(),
  };
  return { success: true, data, message: 'Memory updated successfully' };
}

/**
 * `rate` tokens a second, at most `capacity`, full at the first request (its clock starts then,
 * so nothing overflows while the client starts up). Counts the tokens lost to a full bucket.
 */
function tokenBucket({ rate, capacity }) {
  let tokens = capacity;
  let last;
  let firstAt;
  let lastOkAt;
  let overflowed = 0;
  let leftAtLastOk = capacity;
  return {
    take(now) {
      firstAt ??= now;
      last ??= now;
      const refilled = tokens + ((now - last) / 1000) * rate;
      const lost = Math.max(0, refilled - capacity);
      overflowed += lost;
      tokens = refilled - lost;
      last = now;
      if (tokens < 1) return { ok: false, tokens, overflowed: lost, waitMs: ((1 - tokens) / rate) * 1000 };
      tokens--;
      lastOkAt = now;
      leftAtLastOk = tokens;
      return { ok: true, tokens, overflowed: lost };
    },
    /** Capacity not used up to the last admitted request, which the floor assumes is all used. */
    unused: () => ({
      overflowed,
      leftAtEnd: leftAtLastOk,
      spanMs: lastOkAt === undefined ? 0 : lastOkAt - firstAt,
    }),
  };
}

// ---- 2. memory ---------------------------------------------------------------------------------

// How the consumer of the memory part treats the event loop. With a fetch that answers at once,
// nothing in a batch waits for I/O or a timer: the whole run is one job of the event loop, and V8
// keeps every WeakRef's target alive until a job ends (undici makes one for each Request built
// with a signal), nor can FinalizationRegistry callbacks run. So the part is measured both ways.
const CONSUMERS = {
  'at once': { turnEvery: 0, says: 'only counts: the event loop never turns during the run' },
  'loop turns': {
    turnEvery: 1_000,
    says: 'also lets the event loop turn (`await` a `setImmediate`) every 1,000 outcomes, as any I/O of its own, or any real fetch, does',
  },
};

async function memoryPart() {
  const run = promisify(execFile);
  const results = [];
  for (const [consumer, { turnEvery }] of Object.entries(CONSUMERS)) {
    for (const size of MEMORY_SIZES) {
      log(`memory, ${consumer}: ${count(size)} updates…`);
      const childArgs = ['--expose-gc', SELF, '--role', 'memory', '--count', String(size), '--turn-every', String(turnEvery)];
      const { stdout } = await run(process.execPath, childArgs, { cwd: ROOT, env: process.env, maxBuffer: 16 * 2 ** 20 });
      results.push({ consumer, ...JSON.parse(stdout) });
      log(`memory, ${consumer}: ${count(size)} done in ${seconds(results.at(-1).wallMs)}`);
    }
  }
  return memoryReport(results);
}

function memoryReport(results) {
  const out = [
    '## 2. Memory: Mielto updates from a generator, answered in-process at once',
    '',
    `\`applyUpdates({ mielto }, updates())\` at its default concurrency, \`updates\` a generator of \`mielto_update_memory\``,
    `updates, \`new Mielto({ apiKey, workspaceId, fetch })\` whose \`fetch\` resolves at once with a MemoryUpdateResponse`,
    '(no network, no server, no timer): what is measured is memwire. Outcomes are counted, never kept. Each row is a fresh',
    `\`node --expose-gc\`. Baseline: after ${count(WARM_UP)} updates through a throwaway client (code compiled, schemas built),`,
    'the event loop turned and a forced GC. "End, GC" is a forced GC as the last outcome arrives, in the same job, the client',
    `still referenced; "end, loop turned + GC" is after the event loop turned twice more. Peak: heapUsed sampled every`,
    `${count(SAMPLE_EVERY)} outcomes, garbage included. "Longest block": the longest the event loop went without turning`,
    '(a 10 ms interval\'s longest gap; for "at once", the run with the bench\'s forced GCs). Time per update leaves out the',
    "bench's forced GCs at the tenths.",
    '',
    'The consumer:',
    '',
    ...Object.entries(CONSUMERS).map(([name, { says }]) => `- **${name}**: ${says}.`),
    '',
    '| consumer | updates | statuses | baseline | end, GC (same job) | its growth per update | end, loop turned + GC | peak (no GC) | longest block | time per update |',
    '| --- | --: | --- | --: | --: | --: | --: | --: | --: | --: |',
  ];
  for (const r of results) {
    const statuses = Object.entries(r.byStatus)
      .filter(([, n]) => n > 0)
      .map(([status, n]) => `${count(n)} ${status}`)
      .join(', ');
    const perUpdate = (r.endHeap - r.baseHeap) / r.count;
    out.push(
      `| ${r.consumer} | ${count(r.count)} | ${statuses} | ${MiB(r.baseHeap)} | ${MiB(r.endHeap)} | ${perUpdate.toFixed(1)} B | ${MiB(r.settledHeap)} | ${MiB(r.peakHeap)} | ${seconds(r.longestBlockMs)} | ${((r.wallMs * 1000) / r.count).toFixed(1)} µs |`,
    );
  }
  out.push('');
  const errors = results.flatMap((r) =>
    r.errors.map(([key, { count: n }]) => `- ${r.consumer}, ${count(r.count)}: ${count(n)} × ${key}`),
  );
  if (errors.length > 0) out.push('Outcomes other than `updated`:', '', ...errors, '');

  const largest = Math.max(...MEMORY_SIZES);
  const runsOf = (consumer) => results.filter((r) => r.consumer === consumer);
  const curves = Object.keys(CONSUMERS).map((consumer) => runsOf(consumer).find((r) => r.count === largest));
  out.push(
    `Heap after a forced GC at each tenth of the ${count(largest)}-update runs (at once: in the run's job; loop turns: after a turn):`,
    '',
    `| outcomes | ${curves.map((r) => r.consumer).join(' | ')} |`,
    `| --: | ${curves.map(() => '--:').join(' | ')} |`,
    ...curves[0].checkpoints.map(
      ({ at }, i) => `| ${count(at)} | ${curves.map((r) => MiB(r.checkpoints[i].heap)).join(' | ')} |`,
    ),
    '',
  );
  for (const consumer of Object.keys(CONSUMERS)) {
    const runs = runsOf(consumer);
    const [small, big] = [runs[0], runs.at(-1)];
    const curve = big.checkpoints.map(({ heap }) => heap);
    const spread = Math.max(...curve) - Math.min(...curve);
    const held = big.endHeap - big.baseHeap - (small.endHeap - small.baseHeap);
    const settled = big.settledHeap - big.baseHeap - (small.settledHeap - small.baseHeap);
    const flat = spread < 2 ** 20 && Math.abs(settled) < 2 ** 20;
    out.push(
      `- **${consumer}: ${flat ? 'flat' : 'not flat'}** (flat: the ${count(big.count)}-update run's heap at its tenths spans under 1 MiB, and once the loop has turned`,
      `  it keeps within 1 MiB of what the ${count(small.count)}-update run keeps). Its heap at its tenths spans ${MiB(spread)}; at its end, in the run's job, it`,
      `  holds ${signedMiB(held)} compared with the ${count(small.count)}-update run; once the loop has turned, ${signedMiB(settled)}.`,
    );
  }
  out.push(
    '',
    'Why "at once" grows: with a fetch that never waits, the whole run is one job of the event loop. V8 keeps the target of',
    'every WeakRef made in a job until the job ends, and runs FinalizationRegistry callbacks only between jobs; undici makes',
    'both for every Request built with a signal (a WeakRef to its AbortController, and a finalizer that removes its listener',
    "from memwire's attempt signal), and memwire builds each Request it hands to `fetch` with the attempt's signal.",
  );
  out.push('');
  return out;
}

// ---- 2. memory: one size (`--role memory`, a child with --expose-gc) ---------------------------

const MIELTO_KEY = 'mlt_sk_bench_batch_3e8f1a6c0b9d4725';
const WORKSPACE_ID = 'ws_bench_batch';
const MIELTO_PREFIX = 'https://api.mielto.com/api/v1/memories/';
// A MemoryUpdateResponse (generated/mielto.operations.ts: memory_id string, message string, memory
// object) as MieltoFake answers it, its memory_id the request's: the parts around the id.
const [ANSWER_HEAD, ANSWER_MIDDLE, ANSWER_TAIL] = [
  '{"memory_id":"',
  '","message":"Memory updated successfully","memory":{"memory_id":"',
  '","user_id":"usr_bench","memory":"Ada prefers green tea","topics":["tea","preferences"],' +
    '"created_at":"2025-03-14T09:26:53.589793Z","updated_at":"2025-11-21T11:12:00.412530Z","metadata":{"source":"chat"}}}',
];
const JSON_HEADERS = { 'content-type': 'application/json' };

/** A Mielto that answers in-process, at once: a resolved promise, no I/O, no timer. */
async function instantFetch(request) {
  if (request.method !== 'PUT' || !request.url.startsWith(MIELTO_PREFIX)) {
    return new Response('{"detail":"Not Found"}', { status: 404, headers: JSON_HEADERS });
  }
  const id = request.url.slice(MIELTO_PREFIX.length);
  return new Response(ANSWER_HEAD + id + ANSWER_MIDDLE + id + ANSWER_TAIL, { status: 200, headers: JSON_HEADERS });
}

/** The memory part's updates, made as they are read. */
function* mieltoUpdates(total) {
  for (let i = 0; i < total; i++) {
    yield { operation: 'mielto_update_memory', input: { memory_id: `mem_${i}`, memory: `Ada prefers green tea (update ${i})` } };
  }
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The event loop's longest block: the longest gap between two ticks of a 10 ms interval, less
 * its 10 ms. (perf_hooks.monitorEventLoopDelay misses a block that lasts the whole run.)
 */
function blockProbe() {
  let last = performance.now();
  let longest = 0;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 10);
    last = now;
  };
  const interval = setInterval(tick, 10);
  return {
    /** Once the run has ended: its last block ends when the interval next ticks. */
    stop: async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      clearInterval(interval);
      return longest;
    },
  };
}

async function memoryChild(total, turnEvery) {
  if (typeof globalThis.gc !== 'function') throw new Error('run the memory child with --expose-gc');
  const { memwire, batch } = await loadMemwire();
  const client = () => new memwire.Mielto({ apiKey: MIELTO_KEY, workspaceId: WORKSPACE_ID, fetch: instantFetch });
  for await (const outcome of batch.applyUpdates({ mielto: client() }, mieltoUpdates(WARM_UP))) {
    if (outcome.status !== 'updated') throw new Error(`warm-up: ${outcome.status}: ${outcome.error?.message}`);
  }
  const heapAfterGc = () => {
    globalThis.gc();
    return process.memoryUsage().heapUsed;
  };
  // GC, let FinalizationRegistry callbacks run, and GC what they let go.
  const settledHeap = async () => {
    for (let i = 0; i < 2; i++) {
      globalThis.gc();
      await turn();
    }
    return heapAfterGc();
  };
  const mielto = client();
  const baseHeap = await settledHeap();
  const outcomes = tally();
  const checkpoints = [];
  const checkEvery = total / CHECKPOINTS;
  let peakHeap = baseHeap;
  let n = 0;
  let benchMs = 0; // the forced GCs (and their turns) at checkpoints, left out of the time
  const blocks = blockProbe();
  const started = performance.now();
  for await (const outcome of batch.applyUpdates({ mielto }, mieltoUpdates(total))) {
    outcomes.add(outcome);
    n++;
    if (n % SAMPLE_EVERY === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    if (turnEvery > 0 && n % turnEvery === 0) await turn();
    if (n % checkEvery === 0 && n < total) {
      const checkStarted = performance.now();
      checkpoints.push({ at: n, heap: turnEvery > 0 ? await settledHeap() : heapAfterGc() });
      benchMs += performance.now() - checkStarted;
    }
  }
  const wallMs = performance.now() - started - benchMs;
  const endHeap = heapAfterGc();
  checkpoints.push({ at: n, heap: turnEvery > 0 ? await settledHeap() : endHeap });
  const longestBlockMs = await blocks.stop();
  const result = {
    count: n,
    byStatus: outcomes.byStatus,
    errors: [...outcomes.errors],
    baseHeap,
    endHeap,
    settledHeap: await settledHeap(),
    peakHeap,
    checkpoints,
    wallMs,
    longestBlockMs,
    client: typeof mielto, // the client stays referenced through the last GC
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

// ---- which process this is ---------------------------------------------------------------------

// Last, so that every constant above is set before a role's code runs.
if (args.role === 'server') await serveMemoryLayer();
else if (args.role === 'memory') await memoryChild(Number(args.count), Number(args['turn-every']));
else if (args.role !== undefined) throw new Error(`no role ${args.role}: server or memory`);
else await main();
