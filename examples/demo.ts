/**
 * `npm start`: memwire against the local sandbox, no key and no network. Starts the sandbox on a
 * free port of 127.0.0.1, then through the SDK updates and replaces Mielto memories, switches
 * workspace, shows a typed 422, survives an injected 503, and makes one update through each of
 * MemoryLayer, Supermemory and OpenSearch, saying what happened at each step.
 */
import { InvalidArgumentError, MemoryLayer, Mielto, OpenSearchMemory, Supermemory, ValidationError } from '../src/index.js';
import { startSandbox } from '../src/sandbox/serve.js';

const step = (text: string) => console.log(`\n> ${text}`);
const show = (label: string, value: unknown) => console.log(`  ${label}: ${JSON.stringify(value)}`);

const sandbox = await startSandbox({ port: 0 });
console.log(`memwire demo: sandbox serving Mielto, MemoryLayer, Supermemory and OpenSearch at ${sandbox.url}`);

try {
  const mielto = new Mielto({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, workspaceId: 'ws_personal' });

  step("update 'mem_coffee' in workspace ws_personal: only the fields given change");
  const updated = await mielto.memories.update('mem_coffee', { topics: ['coffee', 'mornings'] });
  show('memory', updated.memory.memory);
  show('topics', updated.memory.topics);
  show('metadata kept', updated.memory.metadata);

  step("replace 'mem_coffee': every field replaced, id and created_at kept");
  const replaced = await mielto.memories.replace('mem_coffee', { memory: 'Ada has switched to green tea' });
  show('old', replaced.old_memory.memory);
  show('new', replaced.new_memory.memory);
  show('topics now', replaced.new_memory.topics);
  show('created_at kept', replaced.new_memory.created_at === replaced.old_memory.created_at);

  step("withWorkspace('ws_work'): a client for another workspace on the same transport");
  const work = mielto.withWorkspace('ws_work');
  const standup = await work.memories.update('mem_standup', { memory: "Ada's team stand-up moved to 10:00" });
  show('ws_work memory', standup.memory.memory);
  show('sent X-Workspace-Id', sandbox.mielto.requests.at(-1)?.workspaceId);

  step('a body the server rejects: a typed 422 with field errors');
  try {
    // A JavaScript caller without types can send this; TypeScript would refuse it.
    await mielto.memories.replace('mem_coffee', { memory: 42, topics: 'tea' } as never);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    show('error', `${error.name}: ${error.message}`);
    show('fieldErrors()', error.fieldErrors());
  }

  step('a misspelled field: Mielto would drop it and answer 200, so memwire refuses it and sends nothing');
  const sentBefore = sandbox.mielto.requests.length;
  try {
    await mielto.memories.update('mem_coffee', { memroy: 'Ada prefers tea' } as never);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    show('error', `${error.name}: ${error.message}`);
    show('requests sent', sandbox.mielto.requests.length - sentBefore);
  }

  step('the sandbox answers the next call with 503 Service Unavailable (Retry-After: 1)');
  sandbox.mielto.failNext({ status: 503, retryAfter: 1 });
  const before = sandbox.mielto.requests.length;
  const started = Date.now();
  const retried = await mielto.memories.update('mem_coffee', { metadata: { source: 'demo' } });
  const outcomes = sandbox.mielto.requests.slice(before).map((request) => request.outcome);
  const waited = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `  memwire got ${outcomes[0]}, waited the ${waited} s the server asked for, and sent the update again: it answered ${outcomes.at(-1)}`,
  );
  show('attempts seen by the server', outcomes);
  show('metadata', retried.memory.metadata);

  step("MemoryLayer: update 'mem_dark_mode'; metadata is replaced whole and the embedding kept");
  const memoryLayer = new MemoryLayer({ apiKey: sandbox.apiKey, baseUrl: sandbox.url });
  const metadataBefore = sandbox.memoryLayer.get('mem_dark_mode')?.metadata;
  const layered = await memoryLayer.memories.update('mem_dark_mode', { metadata: { category: 'ui' } });
  console.log(`  metadata ${JSON.stringify(metadataBefore)} was replaced by ${JSON.stringify(layered.metadata)} (not merged)`);
  show('content', layered.content);
  show('embedding', layered.embedding);

  step("Supermemory: a versioned update of 'mem_abc123' creates version 2 and keeps version 1");
  const supermemory = new Supermemory({ apiKey: sandbox.apiKey, baseUrl: sandbox.url });
  const version = await supermemory.memories.update({
    containerTag: 'user_123',
    id: 'mem_abc123',
    newContent: 'John now prefers light mode',
  });
  show('new version', { id: version.id, version: version.version, parentMemoryId: version.parentMemoryId });
  show(
    'versions kept',
    sandbox.supermemory.versions('user_123').map((v) => `${v.version}: ${v.memory}`),
  );

  step('OpenSearch: update a long-term memory (the body is typed by the memory type)');
  const openSearch = new OpenSearchMemory({ baseUrl: sandbox.url, auth: { apiKey: sandbox.apiKey } });
  const written = await openSearch.memories.update('HudqiJkB1SltqOcZusVU', 'long-term', 'DcxjTpkBvwXRq366C1Zz', {
    memory: "User's name is Bob Smith",
    tags: { topic: 'personal info', updated: 'true' },
  });
  show('result', written);

  console.log('\nDone: every step went through memwire against the local sandbox.');
} finally {
  await sandbox.close();
}
