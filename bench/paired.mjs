// A paired A/B of two clients in ONE process: `node --expose-gc bench/paired.mjs '<json>'` with
// { baseUrl, clients: [a, b], batch, pairs, inFlight }. Prints one JSON line.
//
// run.mjs gives each client a fresh process, as the issue asks, and this machine's processes
// differ by about ±15% in CPU per request. Here the two clients take turns in batches at `inFlight`
// (the first of each pair alternating) so that whatever the machine does meanwhile falls on both
// alike; the result is each pair's ratio of CPU per request, b ÷ a.
import { API_KEY, MEMORY_ID, PATCH, WORKSPACE_ID } from './fixtures.mjs';

const config = JSON.parse(process.argv[2]);
const [a, b] = await Promise.all(
  config.clients.map(async (client) => {
    const { createUpdate } = await import(`./clients/${client}.mjs`);
    return createUpdate({ baseUrl: config.baseUrl, apiKey: API_KEY, workspaceId: WORKSPACE_ID });
  }),
);

/** CPU µs per request of `count` updates through `update`, `inFlight` at a time. */
async function cpuPerRequest(update, count) {
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      const result = await update(MEMORY_ID, PATCH);
      if (result?.memory?.memory_id !== MEMORY_ID) throw new Error(`unexpected result ${JSON.stringify(result)}`);
    }
  };
  globalThis.gc?.(); // neither client pays for the other's garbage
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: config.inFlight }, worker));
  const { user, system } = process.cpuUsage(cpu);
  return (user + system) / count;
}

for (const update of [a, b]) await cpuPerRequest(update, config.batch * 3); // warm-up

const pairs = [];
for (let i = 0; i < config.pairs; i++) {
  const first = i % 2 === 0 ? a : b;
  const firstUs = await cpuPerRequest(first, config.batch);
  const secondUs = await cpuPerRequest(first === a ? b : a, config.batch);
  pairs.push(first === a ? { aUs: firstUs, bUs: secondUs } : { aUs: secondUs, bUs: firstUs });
}
process.stdout.write(`${JSON.stringify({ clients: config.clients, pairs })}\n`);
