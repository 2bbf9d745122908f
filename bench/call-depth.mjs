// `npm run build && node bench/call-depth.mjs`: how many calls each client's `memories.update()`
// makes before `fetch` is entered (issue 18's target: at most 6; docs/architecture.md names them).
// The global fetch is replaced by one that reads its own stack and fails, so nothing is sent and
// no answer has to be shaped; the count is the frames from `update` down to `fetch`, both counted
// as one call (update is called by the app, fetch by memwire). The steps before the first `await`
// run synchronously, so the stack holds the whole chain.
import { MemoryLayer, Mielto, OpenSearchMemory, Supermemory } from '../dist/index.js';

Error.stackTraceLimit = 100;
const common = { apiKey: 'k', maxRetries: 0 };
const CALLS = {
  Mielto: () => new Mielto(common).memories.update('mem_1', { memory: 'x' }),
  MemoryLayer: () => new MemoryLayer(common).memories.update('mem_1', { content: 'x' }),
  Supermemory: () => new Supermemory(common).memories.update({ containerTag: 'u', id: 'mem_1', newContent: 'x' }),
  OpenSearchMemory: () =>
    new OpenSearchMemory({ baseUrl: 'https://search.test', auth: { apiKey: 'k' }, maxRetries: 0 }).memories.update(
      'container',
      'long-term',
      'mem_1',
      { memory: 'x' },
    ),
};

const realFetch = globalThis.fetch;
let frames;
globalThis.fetch = function fetch() {
  frames = new Error().stack.split('\n').slice(1);
  return Promise.reject(new TypeError('not sent: measuring'));
};
try {
  for (const [name, call] of Object.entries(CALLS)) {
    frames = undefined;
    await call().catch(() => {});
    if (!frames) throw new Error(`${name}: fetch was not called`);
    const names = frames.map((frame) => /^\s*at (?:async )?(\S+)/.exec(frame)?.[1] ?? '?');
    const update = names.findIndex((frame) => /(^|\.)update$/.test(frame));
    if (update < 0) throw new Error(`${name}: no update frame in\n${frames.join('\n')}`);
    const chain = names.slice(0, update).reverse();
    process.stdout.write(`${name}: ${chain.length} calls from memories.update() to fetch: ${chain.join(' > ')}\n`);
  }
} finally {
  globalThis.fetch = realFetch;
}
