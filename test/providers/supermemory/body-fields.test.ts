import { describe, expect, it } from 'vitest';
import { BadRequestError, InvalidArgumentError, Supermemory } from '../../../src/index.js';
import { createSupermemoryFake } from '../../../src/testing/index.js';
import { API_KEY, rejectionOf, useFake } from '../../helpers/use-fake.js';

const { fake, timing } = useFake((clock) => createSupermemoryFake({ apiKey: API_KEY, clock }));
const supermemory = () => new Supermemory({ apiKey: API_KEY, ...timing });
const base = { containerTag: 'user_123', id: 'mem_abc123', newContent: 'John now prefers light mode' };

function seed() {
  fake.seed([{ containerTag: 'user_123', id: 'mem_abc123', memory: 'John prefers dark mode', metadata: { source: 'chat' } }]);
}

describe('Supermemory bodies', () => {
  it('sends the fields the service adds to the page: forgetAfter, forgetReason, temporalContext', async () => {
    seed();
    const update = {
      ...base,
      metadata: { source: 'chat', score: 0.9, pinned: true, labels: ['ui', 'prefs'] },
      forgetAfter: '2026-06-01T00:00:00Z',
      forgetReason: 'temporary project deadline',
      temporalContext: { documentDate: '2025-01-15T10:30:00Z', eventDate: ['2025-01-14'] },
    };
    const version = await supermemory().memories.update(update);
    expect(fake.requests[0]!.body).toEqual(update);
    expect(version).toMatchObject({ forgetAfter: '2026-06-01T00:00:00.000Z', forgetReason: 'temporary project deadline' });
  });

  it('sends forgetAfter: null (clear the expiry), which JSON keeps', async () => {
    seed();
    await supermemory().memories.update({ ...base, forgetAfter: null });
    expect(fake.requests[0]!.body).toEqual({ ...base, forgetAfter: null });
  });

  it('refuses a misspelled field, sending nothing', async () => {
    const error = await rejectionOf(supermemory().memories.update({ ...base, forget_after: null } as never));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(
      /^Supermemory memories.update: update field "forget_after" is not one Supermemory stores \(it takes id, content, containerTag, newContent, metadata, forgetAfter, forgetReason, temporalContext\)/,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it("joins the service's details to its error in the message", async () => {
    seed();
    fake.failNext({
      status: 400,
      body: { error: 'Invalid request parameters', details: 'containerTag must match ^[a-zA-Z0-9_:-]+$' },
    });
    const error = await rejectionOf(supermemory().memories.update(base));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toBe(
      'Supermemory memories.update: 400 Invalid request parameters: containerTag must match ^[a-zA-Z0-9_:-]+$',
    );
    expect(error).toMatchObject({ code: undefined, body: { details: 'containerTag must match ^[a-zA-Z0-9_:-]+$' } });
  });
});
