import { describe, expect, it } from 'vitest';
import { AbortError, Mielto, type MieltoOptions, RateLimitError, TimeoutError } from '../../src/index.js';
import { rejectionOf } from '../helpers/use-fake.js';
import { type Answer, scriptedServer } from '../helpers/scripted-server.js';

const KEY = 'sk-shared-wait-1';
const throttled = (seconds: number): Answer => ({ status: 429, headers: { 'retry-after': String(seconds) } });

function setup(script: (n: number) => Answer, options: Partial<MieltoOptions> = {}) {
  const server = scriptedServer(script);
  const mielto = new Mielto({ apiKey: KEY, clock: server.clock, random: () => 0, fetch: server.fetch, ...options });
  const update = (client = mielto, callOptions = {}) => client.memories.update('mem_1', { memory: 'x' }, callOptions);
  return { server, clock: server.clock, mielto, update };
}

describe('a shared Retry-After', () => {
  it("keeps the client's other calls from sending before the wait a server asked one call for", async () => {
    const { server, clock, update } = setup((n) => (n === 0 ? throttled(5) : { status: 200 }));
    const told = await rejectionOf(clock.run(update(undefined, { maxRetries: 0 })));
    expect(told).toBeInstanceOf(RateLimitError);
    await clock.run(update());
    // Told at the first request's time (answered at once): the next request waits the 5 s out.
    expect(server.received[1]!.at - server.received[0]!.at).toBe(5_000);
  });

  it('holds calls made on clients withWorkspace derived, and on the same origin only', async () => {
    const server = scriptedServer((n) => (n === 0 ? throttled(3) : { status: 200 }));
    const timing = { clock: server.clock, random: () => 0, fetch: server.fetch };
    const mielto = new Mielto({ apiKey: KEY, ...timing });
    const elsewhere = new Mielto({ apiKey: KEY, ...timing, baseUrl: 'https://eu.mielto.example' });
    await rejectionOf(server.clock.run(mielto.memories.update('mem_1', { memory: 'x' }, { maxRetries: 0 })));
    const t0 = server.clock.now();
    const derived = mielto.withWorkspace('ws_b').memories.update('mem_1', { memory: 'y' });
    const other = elsewhere.memories.update('mem_1', { memory: 'z' });
    await server.clock.run(Promise.all([derived, other]));
    const at = Object.fromEntries(server.received.slice(1).map((request) => [new URL(request.url).origin, request.at - t0]));
    expect(at).toEqual({ 'https://eu.mielto.example': 0, 'https://api.mielto.com': 3_000 });
  });

  it('is per client: a client made separately does not wait', async () => {
    const server = scriptedServer((n) => (n === 0 ? throttled(3) : { status: 200 }));
    const make = () => new Mielto({ apiKey: KEY, clock: server.clock, random: () => 0, fetch: server.fetch });
    await rejectionOf(server.clock.run(make().memories.update('mem_1', { memory: 'x' }, { maxRetries: 0 })));
    const t0 = server.clock.now();
    await server.clock.run(make().memories.update('mem_1', { memory: 'x' }));
    expect(server.received[1]!.at).toBe(t0);
  });

  it('shareRetryAfter: false leaves each call to its own answers', async () => {
    const { server, clock, update } = setup((n) => (n === 0 ? throttled(5) : { status: 200 }), { shareRetryAfter: false });
    await rejectionOf(clock.run(update(undefined, { maxRetries: 0 })));
    const t0 = clock.now();
    await clock.run(update());
    expect(server.received[1]!.at).toBe(t0);
  });

  it('is kept for 503 with retry-after-ms too, but not for a 500 or a 503 without one', async () => {
    const answers: Answer[] = [{ status: 503, headers: { 'retry-after-ms': '1500' } }, { status: 500 }, { status: 503 }];
    const { server, clock, update } = setup((n) => answers[n] ?? { status: 200 }, { retryBudget: false });
    await rejectionOf(clock.run(update(undefined, { maxRetries: 0 })));
    let t0 = clock.now();
    await rejectionOf(clock.run(update(undefined, { maxRetries: 0 }))); // waits 1.5 s, then the 500
    expect(server.received[1]!.at - t0).toBe(1_500);
    await clock.advance(61_000); // past the pacing, which ends a minute after the last push-back
    await rejectionOf(clock.run(update(undefined, { maxRetries: 0 }))); // the 503 without a wait
    t0 = clock.now();
    await clock.run(update());
    expect(server.received[3]!.at - t0).toBeLessThan(1_000);
  });

  it('ignores a wait past the 60 s memwire honours', async () => {
    const { server, clock, update } = setup((n) => (n === 0 ? throttled(3_600) : { status: 200 }));
    await rejectionOf(clock.run(update(undefined, { maxRetries: 0 })));
    const t0 = clock.now();
    await clock.run(update());
    expect(server.received[1]!.at).toBe(t0);
  });

  it('then resumes at a paced rate, not all at once, from what the server allowed before', async () => {
    // 20 answered, then everything refused for 1 s: 100 calls at once.
    const { server, clock, update } = setup((n) => (n < 20 ? { status: 200 } : n < 100 ? throttled(1) : { status: 200 }), {
      maxRetries: 10,
    });
    await clock.run(Promise.all(Array.from({ length: 100 }, () => update())));
    const resumed = server.received.slice(100).map((request) => request.at - server.received[0]!.at);
    expect(resumed).toHaveLength(80);
    // 0.7 x 20 a second: the first retries go out 1000/14 ms apart, then faster as they succeed:
    // each success adds 1 a second up to the 20 accepted, then 1/rate.
    const gaps = resumed.slice(1).map((at, i) => at - resumed[i]!);
    expect(resumed[0]).toBe(1_000);
    expect(gaps.slice(0, 7).map((gap) => Math.round(1000 / gap))).toEqual([14, 15, 16, 17, 18, 19, 20]);
    expect(1000 / gaps[7]!).toBeCloseTo(20 + 1 / 20, 2);
    expect(1000 / gaps[8]!).toBeCloseTo(20.05 + 1 / 20.05, 2);
    expect(1000 / gaps.at(-1)!).toBeLessThan(25);
  });

  it('after a push-back with nothing answered before it (an outage), starts at 1 a second and doubles', async () => {
    const { server, clock, update } = setup((n) =>
      n === 0 ? { status: 503, headers: { 'retry-after': '2' } } : { status: 200 },
    );
    await rejectionOf(clock.run(update(undefined, { maxRetries: 0 })));
    const t0 = clock.now();
    await clock.run(Promise.all(Array.from({ length: 5 }, () => update())));
    const at = server.received.slice(1).map((request) => request.at - t0);
    // Slow start: 1 a second, then each success adds 1 a second.
    expect(at[0]).toBe(2_000);
    expect(at[1]! - at[0]!).toBe(1_000);
    expect(at[2]! - at[1]!).toBe(500);
    expect(at[3]! - at[2]!).toBeCloseTo(1000 / 3, 2);
    expect(at[4]! - at[3]!).toBeCloseTo(1000 / 4, 2);
  });

  it('answers to attempts sent before the cut extend the wait without cutting the rate again', async () => {
    const { server, clock, update } = setup((n) => (n < 5 ? { status: 200 } : n < 10 ? throttled(1) : { status: 200 }), {
      retryBudget: false,
    });
    await clock.run(Promise.all(Array.from({ length: 10 }, () => update())));
    const retries = server.received.slice(10).map((request) => request.at);
    // One cut from 5 answered in the window: 3.5 a second, for all five retries.
    expect(retries[1]! - retries[0]!).toBeCloseTo(1000 / 3.5, 2);
  });

  it('takes an answer as a new signal by when its attempt was sent, not when it began to wait', async () => {
    // 10 answered, then three refusals in a row: X's (the first cut), C's (sent after it: a second
    // cut) and A's. A began to wait before the second cut but was sent after it: a third cut.
    const { server, clock, update } = setup((n) => (n >= 10 && n <= 12 ? throttled(1) : { status: 200 }));
    const t0 = clock.now();
    await clock.run(Promise.all(Array.from({ length: 10 }, () => update())));
    await rejectionOf(clock.run(update(undefined, { maxRetries: 0 }))); // X, at 0: wait 1 s
    const once = { maxRetries: 0 };
    const calls = [update(undefined, once), update(undefined, once), ...Array.from({ length: 4 }, () => update())];
    await clock.run(Promise.allSettled(calls));
    const at = server.received.slice(11).map((request) => request.at - t0);
    // C at 1 s (cut to 7 a second), A at 2 s (nothing answered in a second of 7 a second: an
    // outage, so 1 a second, doubling back up to 4.9), D at 3 s.
    expect(at.slice(0, 3)).toEqual([1_000, 2_000, 3_000]);
    // A's refusal came before 1 a second had room for five attempts: too soon to tell, so the rate
    // stays at its floor. D, E 1 s apart, then 1/2 s, then 1/3 s.
    const gaps = at.slice(3).map((time, i) => time - at[i + 2]!);
    expect(gaps.map(Math.round)).toEqual([1_000, 500, 333]);
    // A's refusal was a push-back (a third cut, at 2 s), so the pacing lasts until a minute after
    // it. Were it judged by when A began to wait, it would have ended a minute after C's, at 61 s.
    await clock.advance(t0 + 61_500 - clock.now());
    await clock.run(Promise.all([update(), update()]));
    const [first, second] = server.received.slice(-2).map((request) => request.at);
    expect(second! - first!).toBeGreaterThan(0);
  });

  it('lets a waiting call be aborted at once, leaving no timer behind', async () => {
    const { server, clock, update } = setup((n) => (n === 0 ? throttled(30) : { status: 200 }));
    await rejectionOf(clock.run(update(undefined, { maxRetries: 0 })));
    const controller = new AbortController();
    const waiting = update(undefined, { signal: controller.signal });
    await clock.advance(1_000);
    controller.abort(new Error('user left'));
    const error = await rejectionOf(waiting);
    expect(error).toBeInstanceOf(AbortError);
    expect(server.received).toHaveLength(1);
    expect(clock.pending).toBe(0);
  });

  it('times a waiting call out by its timeout, saying what it waited for, and sends nothing', async () => {
    const { server, clock, update } = setup((n) => (n === 0 ? throttled(30) : { status: 200 }));
    await rejectionOf(clock.run(update(undefined, { maxRetries: 0 })));
    const error = await rejectionOf(clock.run(update(undefined, { timeout: 2_000 })));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(
      'Mielto memories.update: waited 2000 ms for the wait a server asked for (Retry-After), and sent nothing',
    );
    expect(server.received).toHaveLength(1);
    expect(clock.pending).toBe(0);
  });
});
