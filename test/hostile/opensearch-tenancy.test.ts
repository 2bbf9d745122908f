// OpenSearch's tenantId and clusterVersion on the wire: a real node:http server on 127.0.0.1 that
// answers as a multi-tenant cluster (403 without x-tenant-id), and records exactly what arrived.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, OpenSearchMemory, type OpenSearchMemoryOptions, PermissionDeniedError } from '../../src/index.js';
import { INSTANT, KEY, OPENSEARCH_RESULT, rejectionOf, reply, useServer } from './hostile-server.js';

const server = useServer();
const NO_TENANT = 'Tenant ID header is missing or has no value';

/** The raw `x-tenant-id` values each request carried, as node:http parsed them (undefined: none). */
function multiTenantCluster(): (string | string[] | undefined)[] {
  const tenants: (string | string[] | undefined)[] = [];
  server.handle = (_seen, response: ServerResponse, request: IncomingMessage) => {
    const tenant = request.headers['x-tenant-id'];
    tenants.push(tenant);
    if (!tenant) {
      reply(response, 403, {
        error: { root_cause: [{ type: 'status_exception', reason: NO_TENANT }], type: 'status_exception', reason: NO_TENANT },
        status: 403,
      });
    } else reply(response, 200, OPENSEARCH_RESULT);
  };
  return tenants;
}

const client = (options: Partial<OpenSearchMemoryOptions> = {}) =>
  new OpenSearchMemory({ ...INSTANT, baseUrl: server.url, auth: { apiKey: KEY }, ...options });
const update = (openSearch: OpenSearchMemory, options?: { tenantId?: string | null }) =>
  openSearch.memories.update('c1', 'long-term', 'l1', { memory: 'x' }, options);

describe('OpenSearch x-tenant-id on the wire', () => {
  it('sends the client default, the per-call tenant, and the withTenant one, once each', async () => {
    const tenants = multiTenantCluster();
    const openSearch = client({ tenantId: 'tenant_a' });
    expect(await update(openSearch)).toEqual(OPENSEARCH_RESULT);
    await update(openSearch, { tenantId: 'tenant_b' });
    await update(openSearch.withTenant('tenant_c'));
    await update(openSearch.withTenant('tenant_c'), { tenantId: 'tenant_d' });
    expect(tenants).toEqual(['tenant_a', 'tenant_b', 'tenant_c', 'tenant_d']);
    expect(server.requests.every((seen) => seen.authorization === `ApiKey ${KEY}`)).toBe(true);
  });

  it('sends none for null (per call and withTenant), and the 403 is a PermissionDeniedError, not retried', async () => {
    const tenants = multiTenantCluster();
    const openSearch = client({ tenantId: 'tenant_a' });
    const perCall = await rejectionOf(update(openSearch, { tenantId: null }));
    const derived = await rejectionOf(update(openSearch.withTenant(null)));
    const unset = await rejectionOf(update(client()));
    for (const error of [perCall, derived, unset]) {
      expect(error).toBeInstanceOf(PermissionDeniedError);
      expect(error).toMatchObject({ status: 403, code: 'status_exception', attempts: 1 });
      expect(error.message).toContain(`OpenSearch memories.update: 403 ${NO_TENANT} (status_exception)`);
    }
    expect(tenants).toEqual([undefined, undefined, undefined]);
  });

  it('refuses an empty tenant with a message naming the option, and nothing reaches the server', async () => {
    multiTenantCluster();
    const message = 'tenantId is empty: pass an id, or null to send no x-tenant-id header';
    expect(() => client({ tenantId: '' })).toThrow(new InvalidArgumentError(`OpenSearch: ${message}`));
    expect(() => client().withTenant('')).toThrow(new InvalidArgumentError(`OpenSearch: ${message}`));
    const error = await rejectionOf(update(client({ tenantId: 'tenant_a' }), { tenantId: '' }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toBe(`OpenSearch memories.update: ${message}`);
    const smuggled = await rejectionOf(update(client(), { tenantId: 'a\r\nx-admin: 1' }));
    expect(smuggled).toBeInstanceOf(InvalidArgumentError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('OpenSearch clusterVersion on the wire', () => {
  it('sends nothing for pinned on 3.5 or structured_data_blob on 3.3', async () => {
    multiTenantCluster();
    const pinned = await rejectionOf(
      client({ tenantId: 't', clusterVersion: '3.5' }).memories.update('c1', 'long-term', 'l1', { memory: 'x', pinned: true }),
    );
    expect(pinned).toBeInstanceOf(InvalidArgumentError);
    expect(pinned.message).toBe(
      'OpenSearch memories.update: pinned needs OpenSearch 3.8 or later, and clusterVersion is 3.5: the cluster would skip it without an error, so nothing was sent',
    );
    const blob = await rejectionOf(
      client({ tenantId: 't', clusterVersion: '3.3' }).memories.update('c1', 'working', 'w1', { structured_data_blob: {} }),
    );
    expect(blob.message).toBe(
      'OpenSearch memories.update: structured_data_blob needs OpenSearch 3.5 or later, and clusterVersion is 3.3: the cluster would skip it without an error, so nothing was sent',
    );
    expect(server.requests).toHaveLength(0);
  });

  it('sends them, as given, on 3.8', async () => {
    multiTenantCluster();
    const openSearch = client({ tenantId: 't', clusterVersion: '3.8' });
    await openSearch.memories.update('c1', 'long-term', 'l1', { memory: 'x', pinned: true });
    await openSearch.memories.update('c1', 'working', 'w1', { structured_data_blob: { a: 1 } });
    expect(server.requests.map((seen) => [seen.method, seen.url, seen.body])).toEqual([
      ['PUT', '/_plugins/_ml/memory_containers/c1/memories/long-term/l1', '{"memory":"x","pinned":true}'],
      ['PUT', '/_plugins/_ml/memory_containers/c1/memories/working/w1', '{"structured_data_blob":{"a":1}}'],
    ]);
  });

  it('refuses a malformed clusterVersion before any request', () => {
    for (const bad of ['3', '3.8.0', 'v3.8', 'latest']) {
      expect(() => client({ clusterVersion: bad as '3.8' })).toThrow(InvalidArgumentError);
    }
    expect(server.requests).toHaveLength(0);
  });
});
