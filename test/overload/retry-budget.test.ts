import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, Mielto, type MieltoOptions, ServerError, Supermemory, TimeoutError } from '../../src/index.js';
import { rejectionOf } from '../helpers/use-fake.js';
import { scriptedServer, type Answer } from '../helpers/scripted-server.js';

const KEY = 'sk-budget-test-1';

/** A Mielto client over a scripted server, on its clock, without jitter. */
function setup(script: (n: number) => Answer, options: Partial<MieltoOptions> = {}) {
  const server = scriptedServer(script);
  const mielto = new Mielto({ apiKey: KEY, clock: server.clock, random: () => 0, fetch: server.fetch, ...options });
  const update = (client = mielto) => server.clock.run(client.memories.update('mem_1', { memory: 'x' }));
  return { server, mielto, update };
}

const down = () => ({ status: 503 });

describe('the retry budget', () => {
  it('by default pays for 100 retries (500 tokens, 5 each), then throws failures as they are', async () => {
    const { server, update } = setup(down);
    for (let call = 0; call < 50; call++) await rejectionOf(update()); // 2 retries each: 100 retries
    expect(server.received).toHaveLength(150);
    const error = await rejectionOf(update());
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toBe("Mielto memories.update: 503 busy (not retried: the client's retry budget is exhausted)");
    expect(server.received).toHaveLength(151); // the first attempt needs no tokens
  });

  it('spends retryCost per retry and stops when it cannot pay one', async () => {
    const { server, update } = setup(down, { retryBudget: { capacity: 12, retryCost: 5 } });
    const first = await rejectionOf(update());
    expect(first.message).toBe('Mielto memories.update: 503 busy (after 3 attempts)'); // 12 - 5 - 5 = 2 left
    const second = await rejectionOf(update());
    expect(second.message).toMatch(/503 busy \(not retried: the client's retry budget is exhausted\)$/);
    expect(server.received).toHaveLength(4);
  });

  it('names both the attempts and the budget when it runs out mid-call', async () => {
    const { update } = setup(down, { retryBudget: { capacity: 7 } });
    const error = await rejectionOf(update());
    expect(error.message).toBe(
      "Mielto memories.update: 503 busy (after 2 attempts; not retried: the client's retry budget is exhausted)",
    );
  });
});

describe('the retry budget, refilled', () => {
  it('retries a lone 503 again once successes have refilled it', async () => {
    const answers: number[] = [];
    const { server, update } = setup((n) => ({ status: answers[n] ?? 200 }), { retryBudget: { capacity: 10, retryCost: 5 } });
    answers.push(503, 503, 503); // three attempts: 10 tokens spent
    await rejectionOf(update());
    answers.push(503); // refused: no tokens
    expect((await rejectionOf(update())).message).toMatch(/exhausted/);
    answers.push(200, 200, 200, 200); // 4 tokens back
    for (let call = 0; call < 4; call++) await update();
    answers.push(503); // still refused: 4 < 5
    expect((await rejectionOf(update())).message).toMatch(/exhausted/);
    answers.push(200, 503, 200); // a 5th token, then a lone 503 retried and answered
    await update();
    await update();
    expect(server.received.map((request, n) => answers[n] ?? 200)).toEqual(answers);
  });

  it('gives a call that succeeded after retrying back what its last retry spent', async () => {
    const answers = [503, 200, 503, 503, 200];
    const { server, update } = setup((n) => ({ status: answers[n] ?? 200 }), {
      retryBudget: { capacity: 10, retryCost: 5, refund: 1 },
    });
    await update(); // spends 5, gets 5 back: 10
    await update(); // spends 10, gets 5 back: 5
    answers.push(503, 503);
    const error = await rejectionOf(update()); // one retry paid (5 → 0), the second refused
    expect(error.message).toBe(
      "Mielto memories.update: 503 busy (after 2 attempts; not retried: the client's retry budget is exhausted)",
    );
    expect(server.received).toHaveLength(7);
  });

  it('spends timeoutCost for a retry after a timeout', async () => {
    const { server, update } = setup(() => ({ status: 200, delay: 2_000 }), {
      timeout: 1_000,
      retryBudget: { capacity: 25, retryCost: 5, timeoutCost: 10 },
    });
    const first = await rejectionOf(update()); // two timeout retries: 20 spent, 5 left
    expect(first).toBeInstanceOf(TimeoutError);
    expect(first.message).toMatch(/\(after 3 attempts\)$/);
    const second = await rejectionOf(update());
    expect(second.message).toBe(
      "Mielto memories.update: https://api.mielto.com did not answer within 1000 ms (not retried: the client's retry budget is exhausted)",
    );
    expect(server.received).toHaveLength(4);
  });

  it('is shared by the clients withWorkspace derives', async () => {
    const { server, mielto, update } = setup(down, { retryBudget: { capacity: 10 } });
    await rejectionOf(update(mielto.withWorkspace('ws_a'))); // 10 spent
    const error = await rejectionOf(update(mielto.withWorkspace('ws_b')));
    expect(error.message).toMatch(/exhausted\)$/);
    expect(server.received).toHaveLength(4);
  });

  it('is separate for clients made separately', async () => {
    const server = scriptedServer(down);
    const make = () =>
      new Mielto({ apiKey: KEY, clock: server.clock, random: () => 0, fetch: server.fetch, retryBudget: { capacity: 10 } });
    await rejectionOf(server.clock.run(make().memories.update('mem_1', { memory: 'x' })));
    await rejectionOf(server.clock.run(make().memories.update('mem_1', { memory: 'x' })));
    expect(server.received).toHaveLength(6);
  });

  it('false turns it off: every call retries up to maxRetries', async () => {
    const { server, update } = setup(down, { retryBudget: false });
    for (let call = 0; call < 60; call++) await rejectionOf(update()); // the default budget pays for 50 of these
    expect(server.received).toHaveLength(180);
  });

  it('true is the default budget', async () => {
    const { server, update } = setup(down, { retryBudget: true });
    for (let call = 0; call < 51; call++) await rejectionOf(update());
    expect(server.received).toHaveLength(151);
  });

  it('spends nothing on a write the rules do not retry', async () => {
    const server = scriptedServer((n) => (n === 0 ? { status: 500 } : { status: 503, headers: { 'retry-after': '0' } }));
    const timing = { clock: server.clock, random: () => 0, fetch: server.fetch, retryBudget: { capacity: 5 } };
    const supermemory = new Supermemory({ apiKey: KEY, ...timing });
    // A Supermemory update makes a new version: a 500 may have been applied, so it is not retried, and costs nothing.
    await rejectionOf(server.clock.run(supermemory.memories.update({ containerTag: 'c', id: 'v1', newContent: 'x' })));
    const retried = await rejectionOf(
      server.clock.run(supermemory.memories.update({ containerTag: 'c', id: 'v1', newContent: 'x' })),
    );
    // A 503 with Retry-After says it was not applied: retried once (5 tokens), then the budget is out.
    expect(retried.message).toMatch(/\(after 2 attempts; not retried: the client's retry budget is exhausted\)$/);
    expect(server.received).toHaveLength(3);
  });

  it('takes 0 for each number: retries that cost nothing, or a budget of nothing', async () => {
    const free = setup(down, { retryBudget: { capacity: 0, retryCost: 0, timeoutCost: 0, refund: 0 } });
    for (let call = 0; call < 3; call++) await rejectionOf(free.update());
    expect(free.server.received).toHaveLength(9); // every call retried twice, for nothing
    const none = setup(down, { retryBudget: { capacity: 0 } });
    const error = await rejectionOf(none.update());
    expect(error.message).toMatch(/\(not retried: the client's retry budget is exhausted\)$/);
    expect(none.server.received).toHaveLength(1);
  });

  it.each([
    [{ capacity: -1 }, 'Mielto: retryBudget.capacity must be a finite number of at least 0, got -1'],
    [{ retryCost: Number.NaN }, 'Mielto: retryBudget.retryCost must be a finite number of at least 0, got NaN'],
    [{ refund: Infinity }, 'Mielto: retryBudget.refund must be a finite number of at least 0, got Infinity'],
    [{ timeoutCost: '10' }, 'Mielto: retryBudget.timeoutCost must be a finite number of at least 0, got 10'],
    [{ Capacity: 10 }, 'Mielto: unknown retryBudget option "Capacity" (did you mean "capacity"?)'],
    [500, 'Mielto: retryBudget must be true, false or { capacity, retryCost, timeoutCost, refund }'],
    [null, 'Mielto: retryBudget must be true, false or { capacity, retryCost, timeoutCost, refund }'],
  ])('refuses retryBudget %j before anything is sent', (retryBudget, message) => {
    const fetch = () => Promise.reject(new Error('sent'));
    const make = () => new Mielto({ apiKey: KEY, fetch, retryBudget: retryBudget as MieltoOptions['retryBudget'] });
    expect(make).toThrow(InvalidArgumentError);
    expect(make).toThrow(message);
  });
});
