// The OpenSearch fake with multi-tenancy (plugins.ml_commons.multi_tenancy_enabled), through
// handle(): where the tenant check sits among the others, and containers scoped by tenant.
import { describe, expect, it } from 'vitest';
import { OpenSearchFake } from '../../src/testing/index.js';
import { OPENSEARCH_BASIC, OPENSEARCH_URL, OPENSEARCH_USER, openSearchMemoryUrl } from '../helpers/fake-requests.js';

const NO_TENANT = 'Tenant ID header is missing or has no value';

function fake(multiTenancy?: boolean) {
  const made = new OpenSearchFake({
    baseUrl: OPENSEARCH_URL,
    ...OPENSEARCH_USER,
    ...(multiTenancy === undefined ? {} : { multiTenancy }),
  });
  made.seed([
    { containerId: 'open', memories: { sessions: [{ id: 's1' }] } },
    { containerId: 'a_only', tenantId: 'tenant_a', memories: { sessions: [{ id: 's1' }] } },
  ]);
  return made;
}

async function put(target: OpenSearchFake, path: [string, string, string], body: string | undefined, tenant?: string) {
  const headers: Record<string, string> = { authorization: OPENSEARCH_BASIC, 'content-type': 'application/json' };
  if (tenant !== undefined) headers['x-tenant-id'] = tenant;
  const response = await target.handle(new Request(openSearchMemoryUrl(...path), { method: 'PUT', headers, body: body ?? null }));
  return { status: response.status, body: (await response.json()) as { error: { type: string; reason: string } } };
}

const summary = JSON.stringify({ summary: 'x' });

describe('OpenSearch fake, multiTenancy', () => {
  it('is off by default: no tenant is needed, and a tenant sent is ignored', async () => {
    const off = fake();
    expect((await put(off, ['open', 'sessions', 's1'], summary)).status).toBe(200);
    expect((await put(off, ['a_only', 'sessions', 's1'], summary, 'tenant_b')).status).toBe(200);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
  ])('answers 403 status_exception for %s, changing nothing', async (_, tenant) => {
    const on = fake(true);
    expect(await put(on, ['open', 'sessions', 's1'], summary, tenant)).toEqual({
      status: 403,
      body: {
        error: { root_cause: [{ type: 'status_exception', reason: NO_TENANT }], type: 'status_exception', reason: NO_TENANT },
        status: 403,
      },
    });
    expect(on.get('open', 'sessions', 's1')?._version).toBe(1);
  });

  it('checks the tenant after the body and the type, and before the container (as ml-commons)', async () => {
    const on = fake(true);
    expect((await put(on, ['open', 'sessions', 's1'], undefined)).body.error.reason).toBe('Update memory request has empty body');
    expect((await put(on, ['open', 'notes', 's1'], summary)).status).toBe(400);
    expect((await put(on, ['open', 'sessions', 's1'], '{}')).body.error.reason).toBe('Text cannot be null or empty');
    expect(await put(on, ['nowhere', 'sessions', 's1'], summary)).toMatchObject({
      status: 403,
      body: { error: { reason: NO_TENANT } },
    });
    expect(await put(on, ['nowhere', 'sessions', 's1'], summary, 't')).toMatchObject({ status: 404 });
  });

  it("hides a container seeded for a tenant from every other tenant; one seeded for none is everyone's", async () => {
    const on = fake(true);
    expect(await put(on, ['a_only', 'sessions', 's1'], summary, 'tenant_b')).toMatchObject({
      status: 404,
      body: { error: { type: 'status_exception', reason: 'Memory container not found' } },
    });
    expect((await put(on, ['a_only', 'sessions', 's1'], summary, 'tenant_a')).status).toBe(200);
    expect((await put(on, ['open', 'sessions', 's1'], summary, 'tenant_b')).status).toBe(200);
    expect(on.requests.map((request) => request.headers.get('x-tenant-id'))).toEqual(['tenant_b', 'tenant_a', 'tenant_b']);
  });

  it('forgets the tenants on reset, and refuses an empty tenantId in a seed', () => {
    const on = fake(true);
    on.reset();
    on.seed([{ containerId: 'a_only', memories: {} }]);
    return put(on, ['a_only', 'sessions', 's1'], summary, 'tenant_b').then((answer) => {
      expect(answer.body.error.reason).toBe('Memory not found');
      expect(() => on.seed([{ containerId: 'c', tenantId: '' }])).toThrow(
        new TypeError('OpenSearchFake.seed: tenantId must be a non-empty string when given'),
      );
    });
  });
});
