import { describe, expect, it } from 'vitest';
import { MieltoFake, createMieltoFake } from '../../src/testing/index.js';
import { TestClock } from '../../src/testing/test-clock.js';

describe('MieltoFake: seeding, reading and handling without msw', () => {
  it('fills in ids and timestamps from the clock; updated_at defaults to created_at', () => {
    const clock = new TestClock(Date.UTC(2025, 5, 1, 12));
    const fake = new MieltoFake({ apiKey: 'k', clock });
    const [generated, dated] = fake.seed([
      { user_id: 'user_ada', memory: 'Tea' },
      { user_id: 'user_ada', memory: 'Old', created_at: '2024-01-01T00:00:00.000Z' },
    ]);
    expect(generated).toEqual({
      memory_id: expect.stringMatching(/^mem_[0-9a-f-]{36}$/) as unknown,
      user_id: 'user_ada',
      memory: 'Tea',
      topics: null,
      created_at: '2025-06-01T12:00:00.000Z',
      updated_at: '2025-06-01T12:00:00.000Z',
      metadata: null,
    });
    expect(dated?.updated_at).toBe('2024-01-01T00:00:00.000Z');
    expect(fake.get(generated?.memory_id as string)).toEqual(generated);
  });

  it('replaces a memory seeded twice with the same id and workspace', () => {
    const fake = new MieltoFake({ apiKey: 'k' });
    fake.seed([{ memory_id: 'm', user_id: 'u', memory: 'one' }]);
    fake.seed([{ memory_id: 'm', user_id: 'u', memory: 'two' }]);
    expect(fake.get('m')?.memory).toBe('two');
  });

  it('hands out copies: changing what seed() or get() returned changes nothing stored', () => {
    const fake = new MieltoFake({ apiKey: 'k' });
    const [seeded] = fake.seed([{ memory_id: 'm', user_id: 'u', memory: 'one', topics: ['a'] }]);
    seeded?.topics?.push('b');
    fake.get('m')?.topics?.push('c');
    expect(fake.get('m')?.topics).toEqual(['a']);
  });

  it('reset() clears the store', () => {
    const fake = new MieltoFake({ apiKey: 'k' });
    fake.seed([{ memory_id: 'm', user_id: 'u', memory: 'one' }]);
    fake.reset();
    expect(fake.get('m')).toBeUndefined();
  });

  it('requires an API key and string seed fields', () => {
    expect(() => new MieltoFake({ apiKey: '' })).toThrow(TypeError);
    const fake = new MieltoFake({ apiKey: 'k' });
    expect(() => fake.seed([{ user_id: 'u' } as never])).toThrow(TypeError);
  });

  it('is a plain web-standard handler: handle(Request) resolves to a Response, whatever the origin', async () => {
    const fake = new MieltoFake({ apiKey: 'k' });
    fake.seed([{ memory_id: 'm', user_id: 'u', memory: 'one' }]);
    const response = await fake.handle(
      new Request('http://localhost:9999/api/v1/memories/m', {
        method: 'PUT',
        headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
        body: JSON.stringify({ memory: 'two' }),
      }),
    );
    expect(response.status).toBe(200);
    expect(fake.get('m')?.memory).toBe('two');
  });

  it('answers a dropped connection as Response.error()', async () => {
    const fake = new MieltoFake({ apiKey: 'k' });
    fake.dropNext();
    const response = await fake.handle(new Request('https://api.mielto.com/api/v1/memories/m', { method: 'PUT' }));
    expect(response.type).toBe('error');
  });

  it('createMieltoFake() returns the fake with its msw handlers attached', () => {
    const fake = createMieltoFake({ apiKey: 'k' });
    expect(fake).toBeInstanceOf(MieltoFake);
    expect(fake.handlers).toHaveLength(1);
    expect(fake.baseUrl).toBe('https://api.mielto.com');
  });
});
