import { describe, expect, it } from 'vitest';
import type { MemoryReplaceResponse } from '../../generated/mielto.js';
import { COFFEE as ORIGINAL, T0, replace } from '../helpers/mielto-fetch.js';
import { useMieltoFake } from '../helpers/mielto.js';

const { fake, clock } = useMieltoFake();

describe('Mielto fake: POST /api/v1/memories/{memory_id}/replace', () => {
  it('replaces everything but the id and created_at, sets updated_at, and returns old and new', async () => {
    fake.seed([{ workspaceId: 'ws_personal', ...ORIGINAL }]);
    await clock.advance(5 * 60_000);
    const later = new Date(clock.now()).toISOString();
    const response = await replace(
      'mem_coffee',
      { memory: 'Ada drinks green tea', topics: ['tea'] },
      { workspace: 'ws_personal' },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req_1');
    const body = (await response.json()) as MemoryReplaceResponse;
    const replaced = {
      memory_id: 'mem_coffee',
      user_id: 'user_ada',
      memory: 'Ada drinks green tea',
      topics: ['tea'],
      created_at: T0,
      updated_at: later,
      metadata: null,
    };
    expect(body).toEqual({
      memory_id: 'mem_coffee',
      message: 'Memory replaced successfully',
      old_memory: ORIGINAL,
      new_memory: replaced,
    });
    expect(fake.get('mem_coffee', 'ws_personal')).toEqual(replaced);
  });

  it('clears topics and metadata that are absent or null', async () => {
    fake.seed([ORIGINAL]);
    await replace('mem_coffee', { memory: 'New', topics: null });
    expect(fake.get('mem_coffee')).toMatchObject({ memory: 'New', topics: null, metadata: null });
  });

  it('keeps the stored owner unless user_id is given', async () => {
    fake.seed([ORIGINAL]);
    await replace('mem_coffee', { memory: 'One', user_id: null });
    expect(fake.get('mem_coffee')?.user_id).toBe('user_ada');
    await replace('mem_coffee', { memory: 'Two', user_id: 'user_bob' });
    expect(fake.get('mem_coffee')?.user_id).toBe('user_bob');
  });

  it('keeps a null created_at null', async () => {
    fake.seed([{ ...ORIGINAL, created_at: null }]);
    await replace('mem_coffee', { memory: 'x' });
    expect(fake.get('mem_coffee')?.created_at).toBeNull();
  });

  it('answers 404 {"detail":"Memory not found"} for an unknown id', async () => {
    const response = await replace('mem_missing', { memory: 'x' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: 'Memory not found' });
  });
});
