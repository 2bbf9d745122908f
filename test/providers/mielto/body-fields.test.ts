import { describe, expect, it } from 'vitest';
import { raw } from '../../../src/raw.js';
import { InvalidArgumentError, type MemoryUpdate, Mielto, PaymentRequiredError, ValidationError } from '../../../src/index.js';
import { createMieltoFake } from '../../../src/testing/index.js';
import { API_KEY, rejectionOf, useFake } from '../../helpers/use-fake.js';

const { fake, timing } = useFake((clock) => createMieltoFake({ apiKey: API_KEY, clock }));
const mielto = () => new Mielto({ apiKey: API_KEY, ...timing });

function seed() {
  fake.seed([{ memory_id: 'mem_1', user_id: 'user_1', memory: 'Prefers coffee' }]);
}

describe('Mielto bodies hold only the fields the server reads', () => {
  it('refuses a misspelled field (FastAPI would drop it and answer 200), sending nothing', async () => {
    seed();
    const error = await rejectionOf(mielto().memories.update('mem_1', { memroy: 'Prefers tea' } as MemoryUpdate));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toBe(
      'Mielto memories.update: patch field "memroy" is not one Mielto stores (it takes user_id, memory, topics, metadata): the server would drop it without an error, so nothing was sent',
    );
    expect(fake.requests).toHaveLength(0);
    expect(fake.get('mem_1')?.memory).toBe('Prefers coffee');
  });

  it('refuses an unknown field next to known ones, on replace too', async () => {
    seed();
    const error = await rejectionOf(mielto().memories.replace('mem_1', { memory: 'x', created_at: 'now' } as never));
    expect(error.message).toMatch(/^Mielto memories.replace: memory field "created_at" is not one Mielto stores/);
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses an update that sets no field, sending nothing', async () => {
    seed();
    for (const patch of [{}, { memory: undefined }]) {
      const error = await rejectionOf(mielto().memories.update('mem_1', patch as MemoryUpdate));
      expect(error.message).toBe(
        'Mielto memories.update: patch sets no field, so it would change nothing: set one of user_id, memory, topics, metadata',
      );
    }
    expect(fake.requests).toHaveLength(0);
  });

  it('checks the JSON that is sent, so toJSON cannot smuggle a field past the check', async () => {
    seed();
    const patch = { memory: 'Prefers tea', toJSON: () => ({ memory: 'Prefers tea', memroy: 'x' }) };
    const error = await rejectionOf(mielto().memories.update('mem_1', patch));
    expect(error.message).toMatch(/^Mielto memories.update: patch field "memroy"/);
    const getter = Object.defineProperty({ memory: 'Prefers tea' }, 'owner', { enumerable: true, get: () => 'user_2' });
    expect((await rejectionOf(mielto().memories.update('mem_1', getter))).message).toMatch(
      /^Mielto memories.update: patch field "owner"/,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('sends exactly what JSON holds: a toJSON that returns known fields is sent as it serializes', async () => {
    seed();
    const patch = { toJSON: () => ({ memory: 'Prefers tea' }) } as MemoryUpdate;
    await mielto().memories.update('mem_1', patch);
    expect(fake.requests[0]!.body).toEqual({ memory: 'Prefers tea' });
    expect(fake.get('mem_1')?.memory).toBe('Prefers tea');
  });

  it('refuses a body that is not an object, naming only its type', async () => {
    for (const body of [null, [1], 'Prefers tea', 42]) {
      const error = await rejectionOf(mielto().memories.update('mem_1', body as never));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.message).toMatch(/^Mielto memories.update: patch must be an object, got (null|an array|string|number)$/);
    }
    // What JSON leaves out altogether: a function, or an object whose toJSON gives undefined.
    for (const body of [() => ({ memory: 'x' }), { memory: 'x', toJSON: () => undefined }]) {
      const error = await rejectionOf(mielto().memories.update('mem_1', body as never));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.message).toBe('Mielto memories.update: patch must be an object, got nothing JSON can hold');
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("leaves values to the server: a wrong type is sent, and the 422 is the server's", async () => {
    seed();
    const error = await rejectionOf(mielto().memories.update('mem_1', { memory: 42 } as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(fake.requests).toHaveLength(1);
  });

  it("leaves a replace without its required memory to the server's 422", async () => {
    seed();
    const error = await rejectionOf(mielto().memories.replace('mem_1', { topics: ['tea'] } as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors()).toHaveProperty('memory');
    expect(fake.requests).toHaveLength(1);
  });

  it('lets raw send any field, as FastAPI then treats it', async () => {
    seed();
    const { response } = await raw(mielto()).PUT('/api/v1/memories/{memory_id}', {
      params: { path: { memory_id: 'mem_1' } },
      body: { memroy: 'Prefers tea' } as never,
    });
    expect(response.status).toBe(200);
    expect(fake.get('mem_1')?.memory).toBe('Prefers coffee');
  });
});

describe('Mielto 402', () => {
  it.each(['CREDIT_LIMIT_EXCEEDED', 'OVERAGE_LIMIT_EXCEEDED'])('is a PaymentRequiredError whose code is %s', async (code) => {
    seed();
    fake.failNext({ status: 402, body: { detail: 'Limit exceeded', error_code: code } });
    const error = await rejectionOf(mielto().memories.update('mem_1', { memory: 'x' }));
    expect(error).toBeInstanceOf(PaymentRequiredError);
    expect(error).toMatchObject({ status: 402, code, attempts: 1, name: 'PaymentRequiredError' });
    expect(error.message).toBe('Mielto memories.update: 402 Limit exceeded');
  });

  it('has no code when the body carries none', async () => {
    seed();
    fake.failNext({ status: 402, body: { detail: 'Payment required' } });
    const error = await rejectionOf(mielto().memories.update('mem_1', { memory: 'x' }));
    expect(error).toBeInstanceOf(PaymentRequiredError);
    expect((error as PaymentRequiredError).code).toBeUndefined();
  });
});
