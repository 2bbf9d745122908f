// Rule 1 again: a write that was redirected may have been applied by the server that redirected it,
// whatever the last hop says. A non-idempotent call is not sent again (redirects.test.ts), and its
// error must say so too (`applied: 'unknown'`): the agent tools, applyUpdates and `memwire apply`'s
// journal decide from `applied` whether a write may be sent again.
import { describe, expect, it } from 'vitest';
import { applyUpdates } from '../../src/batch/index.js';
import { Supermemory } from '../../src/index.js';
import { memoryTools } from '../../src/tools/index.js';
import { CLOSED_PORT_URL, INSTANT, KEY, rejectionOf, reply, useServer, WRITES } from './hostile-server.js';

const origin = useServer();
const other = useServer();

const refusals = {
  'a 429 that asks for a wait': () => (other.handle = (_seen, response) => reply(response, 429, {}, { 'retry-after': '0' })),
  'a 503 that asks for a wait': () => (other.handle = (_seen, response) => reply(response, 503, {}, { 'retry-after': '0' })),
  'a 401 (the key was dropped)': () => (other.handle = (_seen, response) => reply(response, 401, {})),
  'a refused connection': () => undefined,
};

/** Every write to `origin` is redirected (307) to `other`, or to a closed port. */
function redirectAll(to: string) {
  origin.handle = (_seen, response) => reply(response, 307, '', { location: `${to}/moved` });
}

describe.each(WRITES.filter((write) => !write.idempotent))('$name, redirected', (write) => {
  it.each(Object.entries(refusals))("says applied 'unknown' when the last hop answers %s", async (name, setUp) => {
    setUp();
    redirectAll(name === 'a refused connection' ? CLOSED_PORT_URL : other.url);
    const error = await rejectionOf(write.call(origin.url));
    expect(error).toMatchObject({ attempts: 1, applied: 'unknown' });
    expect(origin.requests).toHaveLength(1);
  });
});

describe.each(WRITES.filter((write) => !write.idempotent))('$name, redirected, its afterResponse hook failing', (write) => {
  it("says applied 'unknown' in the HookError", async () => {
    refusals['a 401 (the key was dropped)']();
    redirectAll(other.url);
    const afterResponse = () => {
      throw new Error('metrics down');
    };
    const error = await rejectionOf(write.call(origin.url, { hooks: { afterResponse } }));
    expect(error).toMatchObject({ name: 'HookError', applied: 'unknown' });
    expect(error.message).toContain('the write may have been applied, and was not sent again');
  });
});

describe.each(WRITES.filter((write) => write.idempotent))('$name, redirected', (write) => {
  it("is sent again as before, and a refusal from every attempt still says applied 'no'", async () => {
    refusals['a 429 that asks for a wait']();
    redirectAll(other.url);
    const error = await rejectionOf(write.call(origin.url));
    expect(error).toMatchObject({ attempts: 3, applied: 'no' });
    expect(origin.requests).toHaveLength(3);
  });
});

describe('a Supermemory update redirected, then refused for the rate', () => {
  const update = { operation: 'supermemory_update_memory', input: { containerTag: 'user_1', id: 'mem_1', newContent: 'x' } };
  const supermemory = () => new Supermemory({ apiKey: KEY, baseUrl: origin.url, ...INSTANT });

  it("is 'unknown' in applyUpdates, and never called again", async () => {
    refusals['a 429 that asks for a wait']();
    redirectAll(other.url);
    const outcomes = [];
    for await (const outcome of applyUpdates({ supermemory: supermemory() }, [update])) outcomes.push(outcome);
    expect(outcomes).toMatchObject([{ status: 'unknown', error: { name: 'RateLimitError', applied: 'unknown' } }]);
    expect(origin.requests).toHaveLength(1);
  });

  it("is applied 'unknown' in the agent tool's result, with the advice not to repeat it blindly", async () => {
    refusals['a 429 that asks for a wait']();
    redirectAll(other.url);
    const [tool] = memoryTools({ supermemory: supermemory() });
    const result = await tool!.execute(update.input);
    expect(result).toMatchObject({ ok: false, error: { type: 'RateLimitError', applied: 'unknown' } });
    expect(origin.requests).toHaveLength(1);
  });
});
