import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/index.js';
import { rejectionOf, useMieltoFake } from '../../helpers/mielto.js';

const { fake, client } = useMieltoFake();

/** Whether an id would move the request: empty, `.` or `..` at any depth of percent-decoding. */
function movesTheRequest(id: string): boolean {
  let current = id;
  for (;;) {
    if (current === '' || current === '.' || current === '..') return true;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return false;
    }
    if (decoded === current) return false;
    current = decoded;
  }
}

const isWellFormed = (id: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(id);

describe('ids in paths', () => {
  it.each(['a/b', 'what?', '#hash', '100%', 'two words', 'café', '記憶', '🧠', '%2F', 'a%2e%2e', '...'])(
    'sends %j as one segment that arrives exactly',
    async (id) => {
      fake.seed([{ memory_id: id, user_id: 'u', memory: 'x' }]);
      const result = await client().memories.update(id, { memory: 'y' });
      expect(result.memory_id).toBe(id);
      expect(fake.requests[0]!.path).toEqual(['api', 'v1', 'memories', id]);
      const replaced = await client().memories.replace(id, { memory: 'z' });
      expect(replaced.memory_id).toBe(id);
      expect(fake.requests[1]!.path).toEqual(['api', 'v1', 'memories', id, 'replace']);
    },
  );

  it.each(['', '.', '..', '%2e', '%2E%2E', '.%2e', '%252e%252e'])('refuses %j and sends nothing', async (id) => {
    for (const call of [client().memories.update(id, { memory: 'x' }), client().memories.replace(id, { memory: 'x' })]) {
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.message).toMatch(/^Mielto memories.(update|replace): memory_id /);
    }
    expect(fake.requests).toHaveLength(0);
  });

  it('either refuses an arbitrary string before sending, or delivers it exactly', async () => {
    const ids = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.string({ unit: fc.constantFrom('.', '%', '2', 'e', 'E', '5', '/', 'a'), maxLength: 8 }),
      fc.constantFrom('.', '..', '%2e', '%2e%2e', '%252E'),
    );
    await fc.assert(
      fc.asyncProperty(ids, async (id) => {
        fake.reset();
        const outcome = await client()
          .memories.update(id, { memory: 'probe' })
          .then(
            () => 'sent',
            (error: unknown) => error,
          );
        if (movesTheRequest(id) || !isWellFormed(id)) {
          expect(outcome).toBeInstanceOf(InvalidArgumentError);
          expect(fake.requests).toHaveLength(0);
        } else {
          // Unknown ids are a 404 from the fake: what matters is where the request arrived.
          expect(fake.requests).toHaveLength(1);
          expect(fake.requests[0]!.path).toEqual(['api', 'v1', 'memories', id]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it.each([undefined, null, 42])('refuses the non-string id %j from JavaScript callers', async (id) => {
    const error = await rejectionOf(client().memories.update(id as unknown as string, { memory: 'x' }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(fake.requests).toHaveLength(0);
  });
});
