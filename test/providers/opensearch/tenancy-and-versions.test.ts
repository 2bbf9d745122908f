// OpenSearch's `tenantId` (the x-tenant-id header) and `clusterVersion` options, as users call
// them, against the fake (msw) with multi-tenancy and memory retention on.
import { describe, expect, it } from 'vitest';
import { raw } from '../../../src/raw.js';
import {
  InvalidArgumentError,
  NotFoundError,
  OpenSearchMemory,
  type OpenSearchMemoryOptions,
  PermissionDeniedError,
} from '../../../src/index.js';
import { createOpenSearchFake } from '../../../src/testing/index.js';
import { API_KEY, rejectionOf, useFake } from '../../helpers/use-fake.js';

const baseUrl = 'https://tenants.test:9200';
const { fake, clock, timing } = useFake((clock) =>
  createOpenSearchFake({ baseUrl, apiKey: API_KEY, multiTenancy: true, memoryRetention: true, clock }),
);
const client = (options: Partial<OpenSearchMemoryOptions> = {}) =>
  new OpenSearchMemory({ baseUrl, auth: { apiKey: API_KEY }, ...timing, ...options });

const NO_TENANT = 'Tenant ID header is missing or has no value';
const EMPTY = 'tenantId is empty: pass an id, or null to send no x-tenant-id header';
const sentTenants = () => fake.requests.map((request) => request.headers.get('x-tenant-id'));

function seed() {
  fake.seed([
    { containerId: 'shared', memories: { 'long-term': [{ id: 'l1', source: { memory: 'start' } }] } },
    { containerId: 'only_a', tenantId: 'tenant_a', memories: { sessions: [{ id: 's1' }] } },
    {
      containerId: 'c1',
      memories: { sessions: [{ id: 's1' }], working: [{ id: 'w1' }], 'long-term': [{ id: 'l1', source: { memory: 'm' } }] },
    },
  ]);
}

describe('OpenSearch tenantId: the x-tenant-id header', () => {
  it("is the client's tenantId on every call", async () => {
    seed();
    const openSearch = client({ tenantId: 'tenant_a' });
    await openSearch.memories.update('only_a', 'sessions', 's1', { summary: 'one' });
    await openSearch.memories.update('shared', 'long-term', 'l1', { memory: 'two' });
    expect(sentTenants()).toEqual(['tenant_a', 'tenant_a']);
    expect(fake.get('only_a', 'sessions', 's1')?._source).toMatchObject({ summary: 'one' });
  });

  it("is the call's tenantId when it names one", async () => {
    seed();
    await client({ tenantId: 'tenant_b' }).memories.update(
      'only_a',
      'sessions',
      's1',
      { summary: 'x' },
      { tenantId: 'tenant_a' },
    );
    expect(sentTenants()).toEqual(['tenant_a']);
  });

  it('is left out when the call passes null: the cluster answers 403 and nothing changes', async () => {
    seed();
    const error = await rejectionOf(
      client({ tenantId: 'tenant_a' }).memories.update('shared', 'long-term', 'l1', { memory: 'x' }, { tenantId: null }),
    );
    expect(fake.requests[0]!.headers.has('x-tenant-id')).toBe(false);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, code: 'status_exception' });
    expect(error.message).toContain(`OpenSearch memories.update: 403 ${NO_TENANT} (status_exception)`);
    expect(fake.get('shared', 'long-term', 'l1')?._source).toEqual({ memory: 'start' });
  });

  it('is not sent without a tenantId, and a multi-tenant cluster answers 403 in its error body', async () => {
    seed();
    const { error, response } = await raw(client()).PUT(
      '/_plugins/_ml/memory_containers/{memory_container_id}/memories/{type}/{id}',
      { params: { path: { memory_container_id: 'shared', type: 'long-term', id: 'l1' } }, body: { memory: 'x' } },
    );
    expect(response.status).toBe(403);
    expect(error).toEqual({
      error: { root_cause: [{ type: 'status_exception', reason: NO_TENANT }], type: 'status_exception', reason: NO_TENANT },
      status: 403,
    });
    expect(fake.requests[0]!.headers.has('x-tenant-id')).toBe(false);
  });

  it('is carried by raw calls', async () => {
    seed();
    const { response } = await raw(client({ tenantId: 'tenant_a' })).PUT(
      '/_plugins/_ml/memory_containers/{memory_container_id}/memories/{type}/{id}',
      { params: { path: { memory_container_id: 'only_a', type: 'sessions', id: 's1' } }, body: { summary: 'raw' } },
    );
    expect(response.status).toBe(200);
    expect(sentTenants()).toEqual(['tenant_a']);
  });

  it("selects the tenant's containers: another tenant's is a 404, one seeded for no tenant is everyone's", async () => {
    seed();
    const error = await rejectionOf(
      client({ tenantId: 'tenant_b' }).memories.update('only_a', 'sessions', 's1', { summary: 'x' }),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain('OpenSearch memories.update: 404 Memory container not found (status_exception)');
    expect(fake.get('only_a', 'sessions', 's1')?._version).toBe(1);
    await client({ tenantId: 'tenant_b' }).memories.update('shared', 'long-term', 'l1', { memory: 'b' });
    expect(fake.get('shared', 'long-term', 'l1')?._source).toMatchObject({ memory: 'b' });
  });
});

describe('OpenSearch withTenant', () => {
  it('gives a new client for that tenant and leaves the original alone', async () => {
    seed();
    const first = client({ tenantId: 'tenant_b' });
    const second = first.withTenant('tenant_a');
    expect(second).toBeInstanceOf(OpenSearchMemory);
    expect(second).not.toBe(first);
    await second.memories.update('only_a', 'sessions', 's1', { summary: 'a' });
    await first.memories.update('shared', 'long-term', 'l1', { memory: 'b' });
    expect(sentTenants()).toEqual(['tenant_a', 'tenant_b']);
  });

  it('keeps the credentials, retry options and clusterVersion of the client it came from', async () => {
    seed();
    fake.failNext({ status: 503, times: 10 });
    const derived = client({ maxRetries: 3, clusterVersion: '3.5' }).withTenant('tenant_a');
    await rejectionOf(clock.run(derived.memories.update('only_a', 'sessions', 's1', { summary: 'x' })));
    expect(fake.requests).toHaveLength(4);
    expect(fake.requests.every((r) => r.headers.get('authorization') === `ApiKey ${API_KEY}`)).toBe(true);
    expect(sentTenants()).toEqual(['tenant_a', 'tenant_a', 'tenant_a', 'tenant_a']);
    fake.clearFaults();
    const error = await rejectionOf(derived.memories.update('only_a', 'sessions', 's1', { pinned: true }));
    expect(error.message).toMatch(/pinned needs OpenSearch 3\.8 or later, and clusterVersion is 3\.5/);
    expect(fake.requests).toHaveLength(4);
  });

  it('with null gives a client that sends no tenant', async () => {
    seed();
    const error = await rejectionOf(
      client({ tenantId: 'tenant_a' }).withTenant(null).memories.update('shared', 'long-term', 'l1', { memory: 'x' }),
    );
    expect(fake.requests[0]!.headers.has('x-tenant-id')).toBe(false);
    expect(error).toMatchObject({ status: 403 });
  });

  it('keeps concurrent calls of many tenants apart', async () => {
    const tenants = ['t1', 't2', 't3', 't4'];
    fake.seed(tenants.map((tenantId) => ({ containerId: `c_${tenantId}`, tenantId, memories: { sessions: [{ id: 's' }] } })));
    const base = client();
    const clients = tenants.map((tenant) => base.withTenant(tenant));
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const tenant = tenants[i % tenants.length]!;
        // Every third call names its tenant per call, on a client bound to another one.
        const options = i % 3 === 0 ? { tenantId: tenant } : undefined;
        const on = i % 3 === 0 ? clients[(i + 1) % clients.length]! : clients[i % clients.length]!;
        return on.memories.update(`c_${tenant}`, 'sessions', 's', { summary: `${tenant}:${i}` }, options);
      }),
    );
    expect(fake.requests).toHaveLength(200);
    for (const request of fake.requests) {
      expect((request.body as { summary: string }).summary.split(':')[0]).toBe(request.headers.get('x-tenant-id'));
    }
  });
});

describe('a tenantId a header cannot carry', () => {
  it('refuses an empty one, naming the option, and sends nothing', async () => {
    expect(() => client({ tenantId: '' })).toThrow(new InvalidArgumentError(`OpenSearch: ${EMPTY}`));
    expect(() => client().withTenant('')).toThrow(new InvalidArgumentError(`OpenSearch: ${EMPTY}`));
    const error = await rejectionOf(
      client({ tenantId: 'tenant_a' }).memories.update('c1', 'sessions', 's1', { summary: 'x' }, { tenantId: '' }),
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toBe(`OpenSearch memories.update: ${EMPTY}`);
    expect(fake.requests).toHaveLength(0);
  });

  it.each(['t\r\nX-Admin: 1', 't\n', 't\0', ' t', 't ', 'tś'])('refuses %j before anything is sent', async (bad) => {
    expect(() => client({ tenantId: bad })).toThrow(/^OpenSearch: tenantId must be visible ASCII/);
    expect(() => client().withTenant(bad)).toThrow(InvalidArgumentError);
    const error = await rejectionOf(client().memories.update('c1', 'sessions', 's1', { summary: 'x' }, { tenantId: bad }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(/^OpenSearch memories\.update: tenantId must be visible ASCII/);
    expect(error.message).toBe(
      'OpenSearch memories.update: tenantId must be visible ASCII without CR, LF or outer spaces (it is sent as x-tenant-id)',
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses a non-string from JavaScript callers, and names a misspelled option', async () => {
    const error = await rejectionOf(
      client().memories.update('c1', 'sessions', 's1', { summary: 'x' }, { tenantId: 42 as unknown as string }),
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(() => client({ tenant: 't' } as Partial<OpenSearchMemoryOptions>)).toThrow(
      /unknown option "tenant" \(did you mean "tenantId"\?\)/,
    );
    expect(fake.requests).toHaveLength(0);
  });
});

describe('OpenSearch clusterVersion', () => {
  const refused = (field: string, needs: string, version: string) =>
    `OpenSearch memories.update: ${field} needs OpenSearch ${needs} or later, and clusterVersion is ${version}: the cluster would skip it without an error, so nothing was sent`;
  const tenant = { tenantId: 'tenant_a' } as const;

  it('refuses pinned on 3.5, for sessions and long-term memory, sending nothing', async () => {
    seed();
    const openSearch = client({ ...tenant, clusterVersion: '3.5' });
    const session = await rejectionOf(openSearch.memories.update('c1', 'sessions', 's1', { summary: 'x', pinned: true }));
    expect(session).toBeInstanceOf(InvalidArgumentError);
    expect(session.message).toBe(refused('pinned', '3.8', '3.5'));
    const longTerm = await rejectionOf(openSearch.memories.update('c1', 'long-term', 'l1', { pinned: false }));
    expect(longTerm.message).toBe(refused('pinned', '3.8', '3.5'));
    expect(fake.requests).toHaveLength(0);
    expect(fake.get('c1', 'sessions', 's1')?._version).toBe(1);
  });

  it('refuses structured_data_blob on 3.3 and sends it on 3.5', async () => {
    seed();
    const error = await rejectionOf(
      client({ ...tenant, clusterVersion: '3.3' }).memories.update('c1', 'working', 'w1', { structured_data_blob: { a: 1 } }),
    );
    expect(error.message).toBe(refused('structured_data_blob', '3.5', '3.3'));
    expect(fake.requests).toHaveLength(0);
    await client({ ...tenant, clusterVersion: '3.5' }).memories.update('c1', 'working', 'w1', { structured_data_blob: { a: 1 } });
    expect(fake.get('c1', 'working', 'w1')?._source).toMatchObject({ structured_data_blob: { a: 1 } });
  });

  it('sends the fields every release takes on 3.3', async () => {
    seed();
    const openSearch = client({ ...tenant, clusterVersion: '3.3' });
    await openSearch.memories.update('c1', 'long-term', 'l1', { memory: 'x', tags: { t: '1' } });
    await openSearch.memories.update('c1', 'working', 'w1', { structured_data: { a: 1 }, tags: {} });
    expect(fake.requests).toHaveLength(2);
  });

  it.each(['3.8', '3.10', '4.0'])('sends pinned on %s (releases compare numerically)', async (clusterVersion) => {
    seed();
    await client({ ...tenant, clusterVersion: clusterVersion as '3.8' }).memories.update('c1', 'sessions', 's1', {
      pinned: true,
    });
    expect(fake.get('c1', 'sessions', 's1')?._source).toEqual({ pinned: true });
  });

  it('checks nothing when unset or undefined (the cluster decides)', async () => {
    seed();
    await client(tenant).memories.update('c1', 'long-term', 'l1', { pinned: true });
    await client({ ...tenant, clusterVersion: undefined }).memories.update('c1', 'sessions', 's1', { pinned: true });
    expect(fake.requests.map((request) => request.body)).toEqual([{ pinned: true }, { pinned: true }]);
  });

  it('still refuses a field the type does not take first (pinned on working memory)', async () => {
    const { memories } = client({ ...tenant, clusterVersion: '3.3' });
    const update = memories.update.bind(memories) as (...args: unknown[]) => Promise<unknown>;
    const error = await rejectionOf(update('c1', 'working', 'w1', { pinned: true }));
    expect(error.message).toMatch(/body field "pinned" is not one OpenSearch working memory stores/);
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    ['"3"', '3'],
    ['"3.5.1"', '3.5.1'],
    ['"v3.5"', 'v3.5'],
    ['""', ''],
    ['" 3.5"', ' 3.5'],
    ['"3.05"', '3.05'],
    ['"latest"', 'latest'],
    ['number', 3.5],
    ['null', null],
  ])('refuses a malformed clusterVersion (%s) when the client is made', (got, clusterVersion) => {
    expect(() => client({ clusterVersion: clusterVersion as '3.5' })).toThrow(
      new InvalidArgumentError(
        `OpenSearch: clusterVersion must be an OpenSearch release as major.minor, such as "3.5", got ${got}`,
      ),
    );
  });
});
