/**
 * The checks every runtime runs against the sandbox, over real HTTP, with the BUILT memwire passed
 * in as a module namespace (dist/index.js or dist/browser/memwire.min.js). Plain JavaScript using
 * only web-standard APIs, so the same file runs in Bun, Deno, workerd and Node.
 *
 * The runner starts a fresh sandbox for every run and injects
 * `sandbox.mielto.failNext({ status: 503, retryAfterMs: 0 })` before the runtime starts, so the
 * first request made here is answered 503. The runner then expects the sandbox's Mielto log to be
 * exactly EXPECTED_REQUESTS.
 */

/** What the sandbox must have seen, in order, after runChecks: [status, X-Workspace-Id]. */
export const EXPECTED_REQUESTS = [
  [503, 'ws_personal'], // 1: the injected fault ...
  [200, 'ws_personal'], //    ... and memwire's retry
  [200, 'ws_personal'], // 2: the update
  [404, 'ws_work'], //      3: the same id from another workspace
  [422, 'ws_personal'], //  4: the rejected body
];

const SEEDED_COFFEE = 'Ada takes her coffee as an oat-milk flat white';

/**
 * Runs every check; never throws. Resolves to one `{ name, ok, detail }` per check, in order.
 *
 * @param {Record<string, any>} memwire the module namespace under test
 * @param {{ baseUrl: string, apiKey: string, label: string }} options
 */
export async function runChecks(memwire, { baseUrl, apiKey, label }) {
  const { Mielto, ValidationError, NotFoundError, ApiError, MemwireError } = memwire;
  const results = [];
  const check = async (name, body) => {
    try {
      const detail = await body();
      results.push({ name, ok: true, detail: detail ?? '' });
    } catch (error) {
      results.push({ name, ok: false, detail: describe(error) });
    }
  };

  if (typeof Mielto !== 'function' || typeof ValidationError !== 'function') {
    return [
      { name: 'the module exports Mielto and ValidationError', ok: false, detail: `exports: ${Object.keys(memwire).join(', ')}` },
    ];
  }

  // 1. The first request meets the injected 503; memwire retries and the update lands.
  await check('update survives an injected 503 (retried, then 200)', async () => {
    const statuses = [];
    const counting = new Mielto({
      apiKey,
      baseUrl,
      workspaceId: 'ws_personal',
      fetch: async (request) => {
        const response = await fetch(request);
        statuses.push(response.status);
        return response;
      },
    });
    const result = await counting.memories.update('mem_coffee', { metadata: { runtime: label } });
    expectEqual('statuses seen by fetch', statuses, [503, 200]);
    expectEqual('metadata', result.memory.metadata, { runtime: label });
    return `statuses ${JSON.stringify(statuses)}`;
  });

  const mielto = new Mielto({ apiKey, baseUrl, workspaceId: 'ws_personal' });

  // 2. A partial update in the workspace: only the fields given change.
  await check("update 'mem_coffee' in workspace ws_personal (global fetch)", async () => {
    const topics = ['coffee', 'runtime-smoke'];
    const result = await mielto.memories.update('mem_coffee', { topics });
    expectEqual('memory_id', result.memory_id, 'mem_coffee');
    expectEqual('memory.memory_id', result.memory.memory_id, 'mem_coffee');
    expectEqual('topics', result.memory.topics, topics);
    expectEqual('memory (kept)', result.memory.memory, SEEDED_COFFEE);
    expectEqual('metadata (kept from check 1)', result.memory.metadata, { runtime: label });
    return `topics ${JSON.stringify(result.memory.topics)}`;
  });

  // 3. The workspace is really sent: the same id from another workspace is a 404.
  await check('the same id from workspace ws_work is a NotFoundError', async () => {
    const error = await rejection(mielto.memories.update('mem_coffee', { topics: ['x'] }, { workspaceId: 'ws_work' }));
    expect('instanceof NotFoundError', error instanceof NotFoundError);
    expectEqual('status', error.status, 404);
    return `${error.name}: ${error.message}`;
  });

  // 4. A body the server rejects: the typed 422, caught by instanceof.
  await check('a 422 is caught as ValidationError via instanceof', async () => {
    const error = await rejection(mielto.memories.replace('mem_coffee', { memory: 42, topics: 'tea' }));
    expect('instanceof ValidationError', error instanceof ValidationError);
    expect('instanceof ApiError', error instanceof ApiError);
    expect('instanceof MemwireError', error instanceof MemwireError);
    expect('instanceof Error', error instanceof Error);
    expectEqual('name', error.name, 'ValidationError');
    expectEqual('status', error.status, 422);
    const fields = Object.keys(error.fieldErrors()).sort();
    expectEqual('fieldErrors() keys', fields, ['memory', 'topics']);
    return `fieldErrors() ${JSON.stringify(error.fieldErrors())}`;
  });

  return results;
}

/** Prints results one per line; returns how many passed and failed. */
export function report(results, log = console.log) {
  let passed = 0;
  let failed = 0;
  for (const { name, ok, detail } of results) {
    if (ok) passed += 1;
    else failed += 1;
    log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` -- ${detail}` : ''}`);
  }
  return { passed, failed };
}

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but it resolved');
}

function expect(what, condition) {
  if (!condition) throw new Error(`expected ${what}`);
}

function expectEqual(what, actual, expected) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

function describe(error) {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (cause: ${error.cause.name}: ${error.cause.message})` : '';
    return `${error.name}: ${error.message}${cause}`;
  }
  return String(error);
}
