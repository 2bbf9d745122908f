// Mielto's 402: `{ detail, error_code }`, as its own SDK reads it, through failNext's errorCode.
import { describe, expect, it } from 'vitest';
import { raw } from '../../src/raw.js';
import { PaymentRequiredError } from '../../src/index.js';
import { update } from '../helpers/mielto-fetch.js';
import { rejectionOf, useMieltoFake } from '../helpers/mielto.js';

const { fake, client } = useMieltoFake();

function seed() {
  fake.seed([{ memory_id: 'mem_1', user_id: 'user_ada', memory: 'Tea' }]);
}

describe('Mielto fake: 402 Payment Required', () => {
  it('answers failNext({ status: 402, errorCode }) with { detail, error_code }', async () => {
    seed();
    fake.failNext({ status: 402, errorCode: 'CREDIT_LIMIT_EXCEEDED' });
    const response = await update('mem_1', { memory: 'Coffee' });
    expect(response.status).toBe(402);
    expect(response.headers.get('x-request-id')).toBe('req_1');
    expect(await response.json()).toEqual({ detail: 'Payment Required', error_code: 'CREDIT_LIMIT_EXCEEDED' });
    expect(fake.get('mem_1')?.memory).toBe('Tea');
  });

  it('answers { detail } alone without an errorCode', async () => {
    seed();
    fake.failNext({ status: 402 });
    expect(await (await update('mem_1', { memory: 'Coffee' })).json()).toEqual({ detail: 'Payment Required' });
  });

  it.each(['CREDIT_LIMIT_EXCEEDED', 'OVERAGE_LIMIT_EXCEEDED'])(
    'makes memories.update reject with PaymentRequiredError, code %s, status 402, without retrying',
    async (code) => {
      seed();
      fake.failNext({ status: 402, errorCode: code, times: 3 });
      const error = await rejectionOf(client().memories.update('mem_1', { memory: 'Coffee' }));
      expect(error).toBeInstanceOf(PaymentRequiredError);
      expect(error).toMatchObject({
        status: 402,
        code,
        body: { detail: 'Payment Required', error_code: code },
        requestId: 'req_1',
        attempts: 1,
      });
      expect(fake.requests).toHaveLength(1);
      expect(fake.get('mem_1')?.memory).toBe('Tea');
    },
  );

  it('hands raw callers the same 402 body', async () => {
    seed();
    fake.failNext({ status: 402, errorCode: 'OVERAGE_LIMIT_EXCEEDED' });
    const { error, response } = await raw(client()).PUT('/api/v1/memories/{memory_id}', {
      params: { path: { memory_id: 'mem_1' } },
      body: { memory: 'Coffee' },
    });
    expect(response.status).toBe(402);
    expect(error).toEqual({ detail: 'Payment Required', error_code: 'OVERAGE_LIMIT_EXCEEDED' });
  });
});
