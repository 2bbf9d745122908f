// OpenSearchMemory's tenantId and clusterVersion against the sandbox over real HTTP (no msw), with
// OpenSearch multi-tenancy turned on as `memwire-sandbox --opensearch-multi-tenancy` does.
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, OpenSearchMemory, type OpenSearchMemoryOptions, PermissionDeniedError } from '../../src/index.js';
import type { Sandbox } from '../../src/sandbox/serve.js';
import { rejectionOf } from '../helpers/use-fake.js';
import { useSandboxes } from './use-sandboxes.js';

const start = useSandboxes();

// The sandbox's seeded OpenSearch memories (src/sandbox/seed.ts).
const CONTAINER = 'HudqiJkB1SltqOcZusVU';
const SESSION = 'N2CDipkB2Mtr6INFFcX8';
const WORKING = 'XyEuiJkBeh2gPPwzjYWM';
const NO_TENANT = 'Tenant ID header is missing or has no value';

const client = (sandbox: Sandbox, options: Partial<OpenSearchMemoryOptions> = {}) =>
  new OpenSearchMemory({ baseUrl: sandbox.url, auth: { apiKey: sandbox.apiKey }, maxRetries: 0, ...options });
const sentTenants = (sandbox: Sandbox) => sandbox.openSearch.requests.map((request) => request.headers.get('x-tenant-id'));

describe('sandbox with openSearchMultiTenancy', () => {
  it('answers 403 to an update without a tenant, and changes nothing', async () => {
    const sandbox = await start({ openSearchMultiTenancy: true });
    const error = await rejectionOf(client(sandbox).memories.update(CONTAINER, 'sessions', SESSION, { summary: 'x' }));
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, code: 'status_exception' });
    expect(error.message).toContain(`403 ${NO_TENANT} (status_exception)`);
    expect(sandbox.openSearch.requests[0]!.headers.has('x-tenant-id')).toBe(false);
    expect(sandbox.openSearch.get(CONTAINER, 'sessions', SESSION)?._version).toBe(1);
  });

  it('updates with the tenant from the client, the call and withTenant; null removes it', async () => {
    const sandbox = await start({ openSearchMultiTenancy: true });
    const openSearch = client(sandbox, { tenantId: 'tenant_a' });
    await openSearch.memories.update(CONTAINER, 'sessions', SESSION, { summary: 'client' });
    await openSearch.memories.update(CONTAINER, 'sessions', SESSION, { summary: 'call' }, { tenantId: 'tenant_b' });
    await openSearch.withTenant('tenant_c').memories.update(CONTAINER, 'sessions', SESSION, { summary: 'derived' });
    const removed = await rejectionOf(
      openSearch.memories.update(CONTAINER, 'sessions', SESSION, { summary: 'none' }, { tenantId: null }),
    );
    expect(removed).toMatchObject({ status: 403 });
    expect(sentTenants(sandbox)).toEqual(['tenant_a', 'tenant_b', 'tenant_c', null]);
    expect(sandbox.openSearch.get(CONTAINER, 'sessions', SESSION)?._source).toMatchObject({ summary: 'derived' });
    expect(sandbox.openSearch.get(CONTAINER, 'sessions', SESSION)?._version).toBe(4);
  });

  it('never sees an empty tenant: the client refuses it', async () => {
    const sandbox = await start({ openSearchMultiTenancy: true });
    const error = await rejectionOf(
      client(sandbox, { tenantId: 'tenant_a' }).memories.update(
        CONTAINER,
        'sessions',
        SESSION,
        { summary: 'x' },
        { tenantId: '' },
      ),
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toBe(
      'OpenSearch memories.update: tenantId is empty: pass an id, or null to send no x-tenant-id header',
    );
    expect(sandbox.openSearch.requests).toHaveLength(0);
  });

  it('is off by default: no tenant needed', async () => {
    const sandbox = await start();
    await client(sandbox).memories.update(CONTAINER, 'sessions', SESSION, { summary: 'x' });
    expect(sandbox.openSearch.requests[0]!.outcome).toBe(200);
  });
});

describe('sandbox and clusterVersion', () => {
  it('sends nothing for a field newer than the cluster', async () => {
    const sandbox = await start();
    const pinned = await rejectionOf(
      client(sandbox, { clusterVersion: '3.5' }).memories.update(CONTAINER, 'sessions', SESSION, { pinned: true }),
    );
    expect(pinned.message).toBe(
      'OpenSearch memories.update: pinned needs OpenSearch 3.8 or later, and clusterVersion is 3.5: the cluster would skip it without an error, so nothing was sent',
    );
    const blob = await rejectionOf(
      client(sandbox, { clusterVersion: '3.3' }).memories.update(CONTAINER, 'working', WORKING, {
        structured_data_blob: { a: 1 },
      }),
    );
    expect(blob).toBeInstanceOf(InvalidArgumentError);
    expect(blob.message).toMatch(/structured_data_blob needs OpenSearch 3\.5 or later, and clusterVersion is 3\.3/);
    expect(sandbox.openSearch.requests).toHaveLength(0);
  });

  it('sends them when the cluster is new enough, and the cluster decides', async () => {
    const sandbox = await start();
    await client(sandbox, { clusterVersion: '3.5' }).memories.update(CONTAINER, 'working', WORKING, {
      structured_data_blob: { a: 1 },
    });
    expect(sandbox.openSearch.get(CONTAINER, 'working', WORKING)?._source).toMatchObject({ structured_data_blob: { a: 1 } });
    // The sandbox runs with memory retention off, its default: a pinned update reaches it and is a 403.
    const error = await rejectionOf(
      client(sandbox, { clusterVersion: '3.8' }).memories.update(CONTAINER, 'sessions', SESSION, { pinned: true }),
    );
    expect(error).toMatchObject({ status: 403 });
    expect(sandbox.openSearch.requests.map((request) => request.body)).toEqual([
      { structured_data_blob: { a: 1 } },
      { pinned: true },
    ]);
  });
});
