// One client's run, in a fresh process: `node --expose-gc bench/load.mjs '<json>'` with
// { client, baseUrl, warmup, sequential, concurrent, inFlight, profile? }. Prints one JSON line.
//
// Warm-up first (sequential, then at the in-flight count, so the JIT has settled and every
// keep-alive socket is open), then the two measured modes. Only this process's own work is in
// process.cpuUsage(): the server is another process.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { API_KEY, MEMORY_ID, PATCH, WORKSPACE_ID } from './fixtures.mjs';

const config = JSON.parse(process.argv[2]);
const { createUpdate } = await import(`./clients/${config.client}.mjs`);
const update = createUpdate({ baseUrl: config.baseUrl, apiKey: API_KEY, workspaceId: WORKSPACE_ID });

// Every answer is checked, cheaply and identically for all clients: each must hand back the body.
async function once() {
  const result = await update(MEMORY_ID, PATCH);
  if (result?.memory?.memory_id !== MEMORY_ID) throw new Error(`unexpected result ${JSON.stringify(result)}`);
}

async function sequential(count, latencies) {
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await once();
    if (latencies) latencies[i] = performance.now() - start;
  }
}

// `inFlight` workers pulling from one counter: exactly `count` requests, `inFlight` at a time.
async function concurrent(count, inFlight) {
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      await once();
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

/** Runs `body`, returning its wall time and this process's CPU time (user + system), in µs. */
async function measure(body) {
  globalThis.gc?.(); // start each measured phase with a clean heap, the same for every client
  const cpu = process.cpuUsage();
  const start = performance.now();
  await body();
  const wallUs = (performance.now() - start) * 1000;
  const { user, system } = process.cpuUsage(cpu);
  return { wallUs, cpuUs: user + system };
}

await sequential(config.warmup);
await concurrent(config.warmup, config.inFlight);

const result = { client: config.client };

if (config.sequential > 0) {
  const latencies = new Float64Array(config.sequential);
  const { wallUs, cpuUs } = await measure(() => sequential(config.sequential, latencies));
  latencies.sort();
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 1000;
  result.sequential = {
    p50Us: at(0.5),
    p99Us: at(0.99),
    cpuPerRequestUs: cpuUs / config.sequential,
    requestsPerSecond: config.sequential / (wallUs / 1e6),
  };
}

if (config.concurrent > 0) {
  // With `profile`, the CPU profile covers exactly this measured phase (profile.mjs reads it).
  const session = config.profile ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
  }
  const { wallUs, cpuUs } = await measure(() => concurrent(config.concurrent, config.inFlight));
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(config.profile, JSON.stringify(profile));
    session.disconnect();
  }
  result.concurrent = {
    requestsPerSecond: config.concurrent / (wallUs / 1e6),
    cpuPerRequestUs: cpuUs / config.concurrent,
    // Near 100 %: the client's own thread is the bottleneck, not the server or the loopback.
    cpuBusy: cpuUs / wallUs,
  };
}

// The whole process's CPU time, start-up and warm-up included: run.mjs subtracts it from the
// machine's busy time to see how much other processes were using.
const { user, system } = process.cpuUsage();
result.processCpuUs = user + system;
process.stdout.write(`${JSON.stringify(result)}\n`);
