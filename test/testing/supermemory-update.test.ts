import { describe, expect, it } from 'vitest';
import type { UpdateMemoryResponse } from '../../generated/supermemory.js';
import { SupermemoryFake, createSupermemoryFake, type SupermemoryMemory } from '../../src/testing/index.js';
import { SUPERMEMORY_URL, patchSupermemory } from '../helpers/fake-requests.js';
import { API_KEY, useFake } from '../helpers/use-fake.js';

const { fake, clock } = useFake((clock) => createSupermemoryFake({ apiKey: API_KEY, clock }));

const now = () => new Date(clock.now()).toISOString();

/** The page's memory: John's dark mode in container user_123, with some metadata. */
function seedJohn(): SupermemoryMemory {
  const [john] = fake.seed([
    { containerTag: 'user_123', id: 'mem_abc123', memory: 'John prefers dark mode', metadata: { source: 'chat' } },
  ]);
  return john as SupermemoryMemory;
}

async function update(body: Record<string, unknown>): Promise<UpdateMemoryResponse> {
  const response = await patchSupermemory({ containerTag: 'user_123', ...body });
  expect(response.status).toBe(200);
  return (await response.json()) as UpdateMemoryResponse;
}

describe('Supermemory fake: an update creates a new version', () => {
  it('answers the new version and stores it beside the untouched old one (the page example)', async () => {
    const john = seedJohn();
    await clock.advance(5000);
    const response = await patchSupermemory({
      containerTag: 'user_123',
      newContent: 'John now prefers light mode',
      id: 'mem_abc123',
      content: 'John prefers dark mode',
      metadata: {},
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req_1');
    const created = (await response.json()) as UpdateMemoryResponse;
    expect(created).toEqual({
      id: expect.stringMatching(/^mem_[0-9a-z]{20}$/) as unknown,
      memory: 'John now prefers light mode',
      version: 2,
      parentMemoryId: 'mem_abc123',
      rootMemoryId: 'mem_abc123',
      createdAt: now(),
      forgetAfter: null,
      forgetReason: null,
      metadata: {},
    });
    expect(created.id).not.toBe('mem_abc123');
    // Exactly one new version; the old one is exactly as it was.
    expect(fake.versions('user_123')).toEqual([john, { ...created, containerTag: 'user_123' }]);
    expect(fake.get('mem_abc123')).toEqual(john);
  });

  it('inherits metadata from the target when none is given, and replaces it whole when given', async () => {
    seedJohn();
    const inherited = await update({ id: 'mem_abc123', newContent: 'v2' });
    expect(fake.get(inherited.id)?.metadata).toEqual({ source: 'chat' });
    const replaced = await update({ id: inherited.id, newContent: 'v3', metadata: { mood: 'sunny' } });
    expect(fake.get(replaced.id)?.metadata).toEqual({ mood: 'sunny' });
  });

  it('chains versions: parent is the target, root stays the first version', async () => {
    seedJohn();
    const v2 = await update({ id: 'mem_abc123', newContent: 'v2' });
    const v3 = await update({ id: v2.id, newContent: 'v3' });
    expect(v3).toMatchObject({ version: 3, parentMemoryId: v2.id, rootMemoryId: 'mem_abc123', memory: 'v3' });
    expect(fake.versions('user_123').map((version) => [version.version, version.memory])).toEqual([
      [1, 'John prefers dark mode'],
      [2, 'v2'],
      [3, 'v3'],
    ]);
  });

  it('finds the target by exact content among the latest versions when there is no id', async () => {
    seedJohn();
    const v2 = await update({ content: 'John prefers dark mode', newContent: 'John now prefers light mode' });
    expect(v2).toMatchObject({ version: 2, parentMemoryId: 'mem_abc123' });
    const v3 = await update({ content: 'John now prefers light mode', newContent: 'John prefers sepia' });
    expect(v3).toMatchObject({ version: 3, parentMemoryId: v2.id, rootMemoryId: 'mem_abc123' });
    // A superseded version's content no longer matches, nor does a near miss.
    for (const content of ['John prefers dark mode', 'john prefers sepia', 'John prefers sepia ']) {
      const response = await patchSupermemory({ containerTag: 'user_123', content, newContent: 'x' });
      expect(response.status).toBe(404);
    }
    expect(fake.versions('user_123')).toHaveLength(3);
  });

  it('updates the newest of several latest versions with the same content', async () => {
    fake.seed([
      { containerTag: 'user_123', id: 'mem_old', memory: 'Same text' },
      { containerTag: 'user_123', id: 'mem_new', memory: 'Same text' },
    ]);
    expect(await update({ content: 'Same text', newContent: 'Changed' })).toMatchObject({ parentMemoryId: 'mem_new' });
  });

  it('needs both selectors to match when both id and content are sent', async () => {
    seedJohn();
    fake.seed([{ containerTag: 'user_123', id: 'mem_other', memory: 'Other memory' }]);
    const disagree = await patchSupermemory({
      containerTag: 'user_123',
      id: 'mem_abc123',
      content: 'Other memory',
      newContent: 'v2',
    });
    expect([disagree.status, await disagree.json()]).toEqual([404, { error: 'Memory not found' }]);
    expect(fake.versions('user_123')).toHaveLength(2);
    const agree = await update({ id: 'mem_abc123', content: 'John prefers dark mode', newContent: 'v2' });
    expect(agree.parentMemoryId).toBe('mem_abc123');
  });

  it('forks the chain when an id names a superseded version: a repeated update shows up as a second version 2', async () => {
    seedJohn();
    await update({ id: 'mem_abc123', newContent: 'first try' });
    const again = await update({ id: 'mem_abc123', newContent: 'first try' });
    expect(again).toMatchObject({ version: 2, parentMemoryId: 'mem_abc123' });
    expect(fake.versions('user_123').map((version) => version.version)).toEqual([1, 2, 2]);
  });

  it('keeps containers apart: an id or content in another container is not found', async () => {
    seedJohn();
    fake.seed([{ containerTag: 'user_456', id: 'mem_456', memory: 'Jane prefers tea' }]);
    expect((await patchSupermemory({ containerTag: 'user_456', id: 'mem_abc123', newContent: 'x' })).status).toBe(404);
    expect((await patchSupermemory({ containerTag: 'user_123', content: 'Jane prefers tea', newContent: 'x' })).status).toBe(404);
    expect(fake.versions('user_123')).toHaveLength(1);
    expect(fake.versions('user_456')).toHaveLength(1);
  });

  it('ignores undocumented fields and parses the body whatever the content-type', async () => {
    seedJohn();
    const response = await patchSupermemory(
      { containerTag: 'user_123', id: 'mem_abc123', newContent: 'v2', version: 99, rootMemoryId: 'forged' },
      { contentType: 'text/plain' },
    );
    expect(await response.json()).toMatchObject({ version: 2, rootMemoryId: 'mem_abc123' });
  });
});

describe('Supermemory fake: metadata, expiry and temporal context', () => {
  const seedExpiring = () =>
    fake.seed([
      {
        containerTag: 'user_123',
        id: 'mem_1',
        memory: 'Trip to Rome',
        metadata: { kind: 'travel' },
        forgetAfter: '2026-06-01T00:00:00.000Z',
        forgetReason: 'trip ends',
      },
    ]);

  it('inherits forgetAfter, forgetReason and metadata when they are omitted', async () => {
    seedExpiring();
    expect(await update({ id: 'mem_1', newContent: 'Trip to Rome in May' })).toMatchObject({
      forgetAfter: '2026-06-01T00:00:00.000Z',
      forgetReason: 'trip ends',
      metadata: { kind: 'travel' },
    });
  });

  it('clears forgetAfter and forgetReason together when forgetAfter is null', async () => {
    seedExpiring();
    const cleared = await update({ id: 'mem_1', newContent: 'Moved to Rome', forgetAfter: null, forgetReason: 'ignored' });
    expect(cleared).toMatchObject({ forgetAfter: null, forgetReason: null });
    expect(fake.get(cleared.id)).toMatchObject({ forgetAfter: null, forgetReason: null });
  });

  it('sets a new expiry (normalised) and reason, or clears only the reason', async () => {
    seedExpiring();
    const moved = await update({ id: 'mem_1', newContent: 'v2', forgetAfter: '2026-07-01T12:00:00+02:00' });
    expect(moved).toMatchObject({ forgetAfter: '2026-07-01T10:00:00.000Z', forgetReason: 'trip ends' });
    const reason = await update({ id: moved.id, newContent: 'v3', forgetReason: null });
    expect(reason).toMatchObject({ forgetAfter: '2026-07-01T10:00:00.000Z', forgetReason: null });
    const again = await update({ id: reason.id, newContent: 'v4', forgetReason: 'new reason' });
    expect(again.forgetReason).toBe('new reason');
  });

  it('answers metadata null when none was ever given', async () => {
    fake.seed([{ containerTag: 'user_123', id: 'mem_bare', memory: 'x' }]);
    expect((await update({ id: 'mem_bare', newContent: 'y' })).metadata).toBeNull();
  });

  it('merges temporalContext into the metadata, keeping it when omitted or when metadata is replaced', async () => {
    seedExpiring();
    const dated = await update({
      id: 'mem_1',
      newContent: 'v2',
      temporalContext: { documentDate: '2025-01-01', eventDate: ['2026-05-01'] },
    });
    expect(dated.metadata).toEqual({
      kind: 'travel',
      temporalContext: { documentDate: '2025-01-01', eventDate: ['2026-05-01'] },
    });
    const kept = await update({ id: dated.id, newContent: 'v3', metadata: { kind: 'holiday' } });
    expect(kept.metadata).toEqual({
      kind: 'holiday',
      temporalContext: { documentDate: '2025-01-01', eventDate: ['2026-05-01'] },
    });
    const merged = await update({ id: kept.id, newContent: 'v4', temporalContext: { eventDate: null } });
    expect(merged.metadata).toEqual({ kind: 'holiday', temporalContext: { documentDate: '2025-01-01', eventDate: null } });
  });
});

describe('Supermemory fake: seed, get, versions, reset and mounting', () => {
  it('seeds version 1 with no parent or root, a random id and null metadata and expiry by default', () => {
    const [seeded] = fake.seed([{ containerTag: 'user_123', memory: 'Likes tea' }]);
    expect(seeded).toEqual({
      id: expect.stringMatching(/^mem_[0-9a-z]{20}$/) as unknown,
      containerTag: 'user_123',
      memory: 'Likes tea',
      version: 1,
      parentMemoryId: null,
      rootMemoryId: null,
      createdAt: now(),
      forgetAfter: null,
      forgetReason: null,
      metadata: null,
    });
  });

  it('finds a version by id in any container, lists a container in creation order, and hands out copies', () => {
    fake.seed([
      { containerTag: 'a', id: 'mem_a1', memory: 'one' },
      { containerTag: 'b', id: 'mem_b1', memory: 'two' },
      { containerTag: 'a', id: 'mem_a2', memory: 'three' },
    ]);
    expect(fake.get('mem_b1')?.containerTag).toBe('b');
    expect(fake.versions('a').map((version) => version.id)).toEqual(['mem_a1', 'mem_a2']);
    expect(fake.versions('nobody')).toEqual([]);
    const copy = fake.versions('a')[0] as { memory: string };
    copy.memory = 'changed';
    expect(fake.get('mem_a1')?.memory).toBe('one');
  });

  it('refuses bad seeds and a fake without a key; reset() forgets everything', () => {
    expect(() => fake.seed([{ memory: 'x' } as never])).toThrow(TypeError);
    expect(() => new SupermemoryFake({ apiKey: undefined as never })).toThrow(
      'SupermemoryFake: apiKey must be a non-empty string',
    );
    seedJohn();
    fake.reset();
    expect(fake.versions('user_123')).toEqual([]);
    expect(fake.get('mem_abc123')).toBeUndefined();
  });

  it('mounts at Supermemory by default, or under a base URL with a path', () => {
    expect(fake.baseUrl).toBe(SUPERMEMORY_URL);
    expect(fake.matches('/v4/memories')).toBe(true);
    expect(fake.matches('/v4/memories/mem_1')).toBe(false);
    const proxied = new SupermemoryFake({ apiKey: API_KEY, baseUrl: 'https://gateway.example/sm' });
    expect(proxied.matches('/sm/v4/memories')).toBe(true);
  });
});
