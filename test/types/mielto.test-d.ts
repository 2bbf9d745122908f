import { describe, expectTypeOf, it } from 'vitest';
import { raw } from '../../src/raw.js';
import type { HttpValidationError, MemoryResponse } from '../../generated/mielto.js';
import {
  ApiError,
  MemoryLayer,
  OpenSearchMemory,
  Supermemory,
  type MemoryReplaceResponse,
  type MemoryUpdateResponse,
  Mielto,
  MemwireError,
  PaymentRequiredError,
  RateLimitError,
  ValidationError,
} from '../../src/index.js';

const mielto = new Mielto({ apiKey: 'k' });

describe('Mielto types', () => {
  it('types update and replace from the generated schemas', () => {
    expectTypeOf(mielto.memories.update('m', { memory: 'x' })).resolves.toEqualTypeOf<MemoryUpdateResponse>();
    expectTypeOf(mielto.memories.replace('m', { memory: 'x' })).resolves.toEqualTypeOf<MemoryReplaceResponse>();
    expectTypeOf<MemoryUpdateResponse['memory']>().toEqualTypeOf<MemoryResponse>();
    expectTypeOf<MemoryReplaceResponse['new_memory']['created_at']>().toEqualTypeOf<string | null | undefined>();
  });

  it('accepts every documented field and refuses others', () => {
    mielto.memories.update('m', { memory: null, topics: ['a'], metadata: { k: 1 }, user_id: 'u' });
    // @ts-expect-error a misspelled field
    mielto.memories.update('m', { memroy: 'x' });
    // @ts-expect-error no such field
    mielto.memories.replace('m', { memory: 'x', created_at: 'now' });
    // @ts-expect-error topics are strings
    mielto.memories.update('m', { topics: [1] });
    // @ts-expect-error replace needs the memory text
    mielto.memories.replace('m', { topics: ['a'] });
    // @ts-expect-error replace's memory cannot be null
    mielto.memories.replace('m', { memory: null });
    // @ts-expect-error ids are strings
    mielto.memories.update(42, {});
  });

  it('takes per-call options', () => {
    mielto.memories.update('m', {}, { workspaceId: 'ws', signal: new AbortController().signal, timeout: 5, maxRetries: 0 });
    mielto.memories.update('m', {}, { workspaceId: null });
    // @ts-expect-error workspaceId is a string or null
    mielto.memories.update('m', {}, { workspaceId: 5 });
    expectTypeOf(mielto.withWorkspace('ws_2')).toEqualTypeOf<Mielto>();
  });

  it('types a caught 422 without a cast', () => {
    try {
      // nothing to run: the catch clause is what is checked
    } catch (error) {
      if (error instanceof ValidationError) {
        expectTypeOf(error.detail).toEqualTypeOf<HttpValidationError['detail']>();
        expectTypeOf(error.fieldErrors()).toEqualTypeOf<Record<string, string[]>>();
        expectTypeOf(error.status).toBeNumber();
        expectTypeOf(error).toMatchTypeOf<ApiError>();
        expectTypeOf(error).toMatchTypeOf<MemwireError>();
      }
      if (error instanceof RateLimitError) expectTypeOf(error.retryAfter).toEqualTypeOf<number | undefined>();
      if (error instanceof PaymentRequiredError) {
        expectTypeOf(error).toMatchTypeOf<ApiError>();
        expectTypeOf(error.code).toEqualTypeOf<string | undefined>();
      }
      if (error instanceof ApiError) expectTypeOf(error.code).toEqualTypeOf<string | undefined>();
    }
  });

  it('exposes the typed openapi-fetch client', () => {
    const call = raw(mielto).PUT('/api/v1/memories/{memory_id}', {
      params: { path: { memory_id: 'm' } },
      body: { memory: 'x' },
    });
    expectTypeOf(call).resolves.toHaveProperty('data').toEqualTypeOf<MemoryUpdateResponse | undefined>();
    // @ts-expect-error no such path
    raw(mielto).PUT('/api/v1/nothing', {});
    const request = raw(mielto).request('put', '/api/v1/memories/{memory_id}', {
      params: { path: { memory_id: 'm' } },
      body: { memory: 'x' },
    });
    expectTypeOf(request).resolves.toHaveProperty('data').toEqualTypeOf<MemoryUpdateResponse | undefined>();
    expectTypeOf(request.withResponse()).resolves.toHaveProperty('attempts').toEqualTypeOf<number>();
    // @ts-expect-error no GET on this path
    raw(mielto).request('get', '/api/v1/memories/{memory_id}', { params: { path: { memory_id: 'm' } } });
  });
});

describe('under exactOptionalPropertyTypes (as tsconfig.test.json has it)', () => {
  it('takes undefined wherever it means the default', () => {
    const env: Record<string, string | undefined> = {};
    const opts = ((): { signal?: AbortSignal } | undefined => undefined)();
    new Mielto({ apiKey: 'k', baseUrl: env.MIELTO_BASE_URL, workspaceId: env.WORKSPACE, timeout: undefined, fetch: undefined });
    new MemoryLayer({ apiKey: 'k', baseUrl: env.URL, maxRetries: undefined, headers: undefined, clock: undefined });
    new Supermemory({ apiKey: 'k', random: undefined, maxResponseBytes: undefined });
    new OpenSearchMemory({ baseUrl: 'https://localhost:9200', auth: { token: 't' }, timeout: undefined });
    void mielto.memories.update(
      'm',
      { memory: 'x' },
      { signal: opts?.signal, timeout: undefined, maxRetries: undefined, workspaceId: undefined, totalTimeout: undefined },
    );
    new Mielto({
      apiKey: 'k',
      retryBudget: undefined,
      shareRetryAfter: undefined,
      maxConcurrency: undefined,
      totalTimeout: undefined,
    });
    new Mielto({ apiKey: 'k', retryBudget: { capacity: undefined, retryCost: 1, timeoutCost: undefined, refund: undefined } });
  });
});

describe('the overload options', () => {
  it('take a budget as true, false or its tuning, and numbers for the rest', () => {
    new Mielto({ apiKey: 'k', retryBudget: false, shareRetryAfter: false, maxConcurrency: 4, totalTimeout: 10_000 });
    new Supermemory({ apiKey: 'k', retryBudget: true });
    new OpenSearchMemory({ baseUrl: 'https://localhost:9200', auth: { token: 't' }, retryBudget: { capacity: 100 } });
    void mielto.memories.update('m', { memory: 'x' }, { totalTimeout: 5_000 });
    // @ts-expect-error a budget's tuning has four fields
    new Mielto({ apiKey: 'k', retryBudget: { capcity: 100 } });
    // @ts-expect-error maxConcurrency is per client, not per call
    void mielto.memories.update('m', { memory: 'x' }, { maxConcurrency: 2 });
    // @ts-expect-error a number of milliseconds
    new Mielto({ apiKey: 'k', totalTimeout: '10s' });
  });
});
