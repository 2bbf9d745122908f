import { describe, expect, it } from 'vitest';
import { replace, update } from '../helpers/mielto-fetch.js';
import { useMieltoFake } from '../helpers/mielto.js';

const { fake } = useMieltoFake();

describe('Mielto fake: workspaces', () => {
  it('keeps the same id apart in different workspaces', async () => {
    fake.seed([
      { workspaceId: 'ws_a', memory_id: 'mem_1', user_id: 'user_ada', memory: 'A' },
      { workspaceId: 'ws_b', memory_id: 'mem_1', user_id: 'user_ada', memory: 'B' },
      { memory_id: 'mem_1', user_id: 'user_ada', memory: 'default' },
    ]);
    expect((await update('mem_1', { memory: 'A2' }, { workspace: 'ws_a' })).status).toBe(200);
    expect(fake.get('mem_1', 'ws_a')?.memory).toBe('A2');
    expect(fake.get('mem_1', 'ws_b')?.memory).toBe('B');
    expect(fake.get('mem_1')?.memory).toBe('default');
  });

  it('answers 404 for a memory that lives in another workspace', async () => {
    fake.seed([{ workspaceId: 'ws_a', memory_id: 'mem_1', user_id: 'user_ada', memory: 'A' }]);
    for (const workspace of ['ws_b', undefined]) {
      const updated = await update('mem_1', { memory: 'x' }, { workspace });
      expect(updated.status).toBe(404);
      expect(await updated.json()).toEqual({ detail: 'Memory not found' });
      expect((await replace('mem_1', { memory: 'x' }, { workspace })).status).toBe(404);
    }
    expect(fake.get('mem_1', 'ws_a')?.memory).toBe('A');
  });

  it('reaches the default workspace only without the header', async () => {
    fake.seed([{ memory_id: 'mem_1', user_id: 'user_ada', memory: 'default' }]);
    expect((await update('mem_1', { memory: 'x' }, { workspace: 'ws_a' })).status).toBe(404);
    expect((await update('mem_1', { memory: 'y' })).status).toBe(200);
    expect(fake.get('mem_1')?.memory).toBe('y');
    expect(fake.get('mem_1', 'ws_a')).toBeUndefined();
  });
});
