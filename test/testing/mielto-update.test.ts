import { describe, expect, it } from 'vitest';
import type { MemoryUpdateResponse } from '../../generated/mielto.js';
import { COFFEE as ORIGINAL, update } from '../helpers/mielto-fetch.js';
import { useMieltoFake } from '../helpers/mielto.js';

const { fake, clock } = useMieltoFake();

function seedCoffee() {
  fake.seed([{ workspaceId: 'ws_personal', ...ORIGINAL }]);
}

/** Moves the file's shared clock on a minute and returns the new time as the fake writes it. */
async function aMinuteLater(): Promise<string> {
  await clock.advance(60_000);
  return new Date(clock.now()).toISOString();
}

describe('Mielto fake: PUT /api/v1/memories/{memory_id}', () => {
  it('updates only the fields given and answers { memory_id, message, memory }', async () => {
    seedCoffee();
    const later = await aMinuteLater();
    const response = await update('mem_coffee', { memory: 'Ada now drinks tea' }, { workspace: 'ws_personal' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-request-id')).toBe('req_1');
    const body = (await response.json()) as MemoryUpdateResponse;
    const expected = { ...ORIGINAL, memory: 'Ada now drinks tea', updated_at: later };
    expect(body).toEqual({ memory_id: 'mem_coffee', message: 'Memory updated successfully', memory: expected });
    // Key order as the schema lists it, like the real server's serialisation.
    expect(Object.keys(body.memory)).toEqual([
      'memory_id',
      'user_id',
      'memory',
      'topics',
      'created_at',
      'updated_at',
      'metadata',
    ]);
    expect(fake.get('mem_coffee', 'ws_personal')).toEqual(expected);
  });

  const VALUES = {
    user_id: 'user_bob',
    memory: 'Ada now drinks tea',
    topics: ['tea'],
    metadata: { source: 'chat' },
  } as const;

  describe.each(Object.keys(VALUES) as (keyof typeof VALUES)[])('field %s', (field) => {
    it('absent: keeps the stored value', async () => {
      seedCoffee();
      await update('mem_coffee', {}, { workspace: 'ws_personal' });
      expect(fake.get('mem_coffee', 'ws_personal')?.[field]).toEqual(ORIGINAL[field]);
    });

    it('null: keeps the stored value (null means "not provided", never "clear")', async () => {
      seedCoffee();
      const response = await update('mem_coffee', { [field]: null }, { workspace: 'ws_personal' });
      expect(response.status).toBe(200);
      expect(fake.get('mem_coffee', 'ws_personal')?.[field]).toEqual(ORIGINAL[field]);
    });

    it('a value: replaces the stored value', async () => {
      seedCoffee();
      const response = await update('mem_coffee', { [field]: VALUES[field] }, { workspace: 'ws_personal' });
      expect(response.status).toBe(200);
      expect(fake.get('mem_coffee', 'ws_personal')?.[field]).toEqual(VALUES[field]);
    });
  });

  it('replaces metadata and topics wholesale rather than merging them', async () => {
    seedCoffee();
    await update('mem_coffee', { topics: [], metadata: { mood: 'sleepy' } }, { workspace: 'ws_personal' });
    const stored = fake.get('mem_coffee', 'ws_personal');
    expect(stored?.topics).toEqual([]);
    expect(stored?.metadata).toEqual({ mood: 'sleepy' });
  });

  it('accepts an empty object and only moves updated_at', async () => {
    seedCoffee();
    const later = await aMinuteLater();
    expect((await update('mem_coffee', {}, { workspace: 'ws_personal' })).status).toBe(200);
    expect(fake.get('mem_coffee', 'ws_personal')).toEqual({ ...ORIGINAL, updated_at: later });
  });

  it('ignores unknown fields, as FastAPI does by default', async () => {
    seedCoffee();
    const response = await update(
      'mem_coffee',
      { memory: 'Tea', importance: 9, memory_id: 'mem_other' },
      { workspace: 'ws_personal' },
    );
    expect(response.status).toBe(200);
    expect(fake.get('mem_coffee', 'ws_personal')).toMatchObject({ memory_id: 'mem_coffee', memory: 'Tea' });
    expect(fake.get('mem_coffee', 'ws_personal')).not.toHaveProperty('importance');
  });

  it('parses application/*+json bodies and bodies sent without a content-type', async () => {
    seedCoffee();
    expect(
      (await update('mem_coffee', { memory: 'a' }, { workspace: 'ws_personal', contentType: 'application/merge-patch+json' }))
        .status,
    ).toBe(200);
    expect((await update('mem_coffee', { memory: 'b' }, { workspace: 'ws_personal', contentType: null })).status).toBe(200);
    expect(fake.get('mem_coffee', 'ws_personal')?.memory).toBe('b');
  });

  it('answers 404 {"detail":"Memory not found"} for an unknown id', async () => {
    const response = await update('mem_missing', { memory: 'x' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ detail: 'Memory not found' });
  });
});
