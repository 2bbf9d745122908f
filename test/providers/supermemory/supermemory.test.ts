import { describe, expect, it } from 'vitest';
import {
  AbortError,
  BadRequestError,
  ConnectionError,
  InvalidArgumentError,
  NotFoundError,
  ServerError,
  Supermemory,
  type SupermemoryOptions,
  type SupermemoryVersion,
  TimeoutError,
} from '../../../src/index.js';
import { createSupermemoryFake } from '../../../src/testing/index.js';
import { refusedOnce } from '../../helpers/refused-once.js';
import { API_KEY, rejectionOf, useFake } from '../../helpers/use-fake.js';

const { fake, clock, timing } = useFake((clock) => createSupermemoryFake({ apiKey: API_KEY, clock }));
const client = (options: Partial<SupermemoryOptions> = {}) => new Supermemory({ apiKey: API_KEY, ...timing, ...options });

function seed() {
  fake.seed([{ containerTag: 'user_123', id: 'mem_abc123', memory: 'John prefers dark mode', metadata: { source: 'chat' } }]);
}

const update = { containerTag: 'user_123', id: 'mem_abc123', newContent: 'John now prefers light mode' };

describe('Supermemory memories.update', () => {
  it('sends PATCH /v4/memories with the bearer key and the update as JSON', async () => {
    seed();
    await client().memories.update(update);
    expect(fake.requests[0]).toMatchObject({
      method: 'PATCH',
      url: 'https://api.supermemory.ai/v4/memories',
      body: update,
    });
    expect(fake.requests[0]!.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
  });

  it('resolves to the new version, linked to the one it updates, and keeps the old one', async () => {
    seed();
    const version = await client().memories.update(update);
    expect(version).toEqual({
      id: expect.not.stringMatching(/^mem_abc123$/) as unknown,
      memory: 'John now prefers light mode',
      version: 2,
      parentMemoryId: 'mem_abc123',
      rootMemoryId: 'mem_abc123',
      createdAt: new Date(clock.now()).toISOString(),
      forgetAfter: null,
      forgetReason: null,
      metadata: { source: 'chat' },
    });
    expect(fake.get('mem_abc123')?.memory).toBe('John prefers dark mode');
    expect(fake.versions('user_123').map((v) => v.version)).toEqual([1, 2]);
  });

  it('chains versions to the first one and inherits metadata when left out', async () => {
    seed();
    const second = await client().memories.update(update);
    const third = await client().memories.update({ containerTag: 'user_123', id: second.id, newContent: 'Dark again' });
    expect(third).toMatchObject({ version: 3, parentMemoryId: second.id, rootMemoryId: 'mem_abc123' });
    expect(fake.get(third.id)?.metadata).toEqual({ source: 'chat' });
    const fourth = await client().memories.update({
      containerTag: 'user_123',
      id: third.id,
      newContent: 'x',
      metadata: { a: 1 },
    });
    expect(fake.get(fourth.id)?.metadata).toEqual({ a: 1 });
  });

  it('finds the memory by its exact content', async () => {
    seed();
    const version = await client().memories.update({
      containerTag: 'user_123',
      content: 'John prefers dark mode',
      newContent: 'Found by content',
    });
    expect(version.parentMemoryId).toBe('mem_abc123');
    expect(fake.requests[0]!.body).toEqual({
      containerTag: 'user_123',
      content: 'John prefers dark mode',
      newContent: 'Found by content',
    });
  });

  it('sends the documented example with both id and content', async () => {
    seed();
    const version = await client().memories.update({
      containerTag: 'user_123',
      newContent: 'John now prefers light mode',
      id: 'mem_abc123',
      content: 'John prefers dark mode',
      metadata: {},
    });
    expect(version.parentMemoryId).toBe('mem_abc123');
    expect(fake.requests[0]!.body).toMatchObject({ id: 'mem_abc123', content: 'John prefers dark mode' });
  });

  it.each([
    [
      'neither id nor content',
      { containerTag: 'user_123', newContent: 'x' },
      /^Supermemory memories.update: update needs id or content \(or both\)/,
    ],
    [
      'an undocumented field',
      { ...update, isLatest: true },
      /^Supermemory memories.update: update field "isLatest" is not one Supermemory stores/,
    ],
    ['no update at all', undefined, /^Supermemory memories.update: update must be an object, got undefined/],
  ])('refuses %s, sending nothing', async (_, input, message) => {
    const error = await rejectionOf(client().memories.update(input as never));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(message);
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    ['no containerTag', { id: 'mem_abc123', newContent: 'x' }],
    ['an empty newContent', { ...update, newContent: '' }],
    ['metadata that is not an object', { ...update, metadata: 'x' }],
  ])("leaves %s to the server's validation", async (_, input) => {
    seed();
    const error = await rejectionOf(client().memories.update(input as never));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(fake.requests).toHaveLength(1);
    expect(fake.versions('user_123')).toHaveLength(1);
  });

  it('sends an empty id, which matches no memory', async () => {
    seed();
    const error = await rejectionOf(client().memories.update({ ...update, id: '' }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(fake.requests).toHaveLength(1);
  });

  it('is a NotFoundError when nothing matches', async () => {
    seed();
    const error = await rejectionOf(client().memories.update({ ...update, id: 'mem_nope' }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(
      'Supermemory memories.update: 404 Memory not found (PATCH https://api.supermemory.ai/v4/memories)',
    );
  });

  it("is a BadRequestError with the server's error text", async () => {
    fake.failNext({ status: 400, body: { error: 'containerTag is required' } });
    const error = await rejectionOf(client().memories.update(update));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toBe('Supermemory memories.update: 400 containerTag is required');
  });

  it.each([
    [
      'an error and its details',
      { error: 'Invalid request', details: 'containerTag is required' },
      'Invalid request: containerTag is required',
    ],
    ['details alone', { details: 'containerTag is required' }, 'containerTag is required'],
    ['an error before a message', { error: 'Invalid request', message: 'other' }, 'Invalid request'],
  ])('quotes a body with %s', async (_, body, message) => {
    fake.failNext({ status: 400, body });
    const error = await rejectionOf(client().memories.update(update));
    expect(error.message).toBe(`Supermemory memories.update: 400 ${message}`);
  });
});

type Scenario = {
  name: string;
  inject: () => void;
  /** Client options, made fresh for every call. */
  options?: () => Partial<SupermemoryOptions>;
  /** What the call does: resolve after retrying, or throw this class without retrying. */
  outcome: 'resolves' | (new (...args: never[]) => Error);
  /** Versions the call leaves behind once the server has finished. */
  versions: 0 | 1;
};

const scenarios: Scenario[] = [
  { name: 'a connection dropped before the write', inject: () => fake.dropNext(), outcome: ConnectionError, versions: 0 },
  {
    name: 'a connection dropped after the write',
    inject: () => fake.dropNext({ applied: true }),
    outcome: ConnectionError,
    versions: 1,
  },
  {
    name: 'a timeout while the write is under way',
    inject: () => fake.delayNext({ ms: 90_000 }),
    outcome: TimeoutError,
    versions: 1,
  },
  ...[500, 502, 504].flatMap((status): Scenario[] => [
    {
      name: `${status} after the write`,
      inject: () => fake.failNext({ status, applied: true }),
      outcome: ServerError,
      versions: 1,
    },
    { name: `${status} before the write`, inject: () => fake.failNext({ status }), outcome: ServerError, versions: 0 },
  ]),
  ...[408, 429, 503].map((status): Scenario => ({
    name: `${status}`,
    inject: () => fake.failNext({ status, retryAfter: 1 }),
    outcome: 'resolves',
    versions: 1,
  })),
  { name: 'a refused connection', inject: () => {}, options: () => ({ fetch: refusedOnce() }), outcome: 'resolves', versions: 1 },
];

describe('Supermemory retries: the update is not idempotent', () => {
  it.each(scenarios)('after $name, no call creates two versions', async ({ inject, options, outcome, versions }) => {
    seed();
    inject();
    const call = clock.run(client(options?.()).memories.update(update));
    if (outcome === 'resolves') {
      await call;
    } else {
      expect(await rejectionOf(call)).toBeInstanceOf(outcome);
    }
    await clock.advance(120_000); // lets the fake finish a write whose attempt timed out
    await fake.idle();
    expect(fake.versions('user_123')).toHaveLength(1 + versions);
    const sent = fake.requests.length;
    expect(sent).toBe(outcome === 'resolves' && !options ? 2 : 1);
  });

  it('is an AbortError, not a failure to retry, when the caller aborts while it is in flight', async () => {
    seed();
    fake.delayNext({ ms: 10_000 });
    const controller = new AbortController();
    const settled = rejectionOf(client().memories.update(update, { signal: controller.signal }));
    await clock.advance(100);
    controller.abort(new Error('user left'));
    const error = await settled;
    expect(error).toBeInstanceOf(AbortError);
    expect(error.cause).toEqual(new Error('user left'));
    await clock.advance(120_000);
    await fake.idle();
    expect(fake.requests).toHaveLength(1);
  });

  it('over 300 calls with random faults, never creates more than one version per call', async () => {
    let seedValue = 20_261_121;
    const random = () => (seedValue = (seedValue * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    seed();
    let latest = 'mem_abc123';
    for (let i = 0; i < 300; i++) {
      const scenario = scenarios[Math.floor(random() * scenarios.length)]!;
      scenario.inject();
      const before = fake.versions('user_123').length;
      const call = client(scenario.options?.()).memories.update({ containerTag: 'user_123', id: latest, newContent: `v${i}` });
      const result = await clock.run(call).catch((error: unknown) => error);
      await clock.advance(120_000);
      await fake.idle();
      const created = fake.versions('user_123').slice(before);
      expect(created.length, `call ${i} (${scenario.name}), seed 20261121`).toBeLessThanOrEqual(1);
      if (!(result instanceof Error)) expect(created.map((v) => v.id)).toEqual([(result as SupermemoryVersion).id]);
      if (created[0]) latest = created[0].id;
    }
  });
});
