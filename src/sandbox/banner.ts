import { memorylayerUpdateMemory } from '../../generated/memorylayer.operations.js';
import { mieltoReplaceMemory, mieltoUpdateMemory } from '../../generated/mielto.operations.js';
import { supermemoryUpdateMemory } from '../../generated/supermemory.operations.js';
import { OPENSEARCH_MEMORY_TYPES } from '../testing/opensearch-validation.js';
import type { SandboxSeeds } from './seed.js';

/**
 * What the CLI prints once listening: where to send requests, the key and how each API takes it,
 * every API's paths with the ids seeded there, and a first request to try.
 *
 * @example
 * banner('http://127.0.0.1:4010', 'memwire-sandbox-key', SANDBOX_SEEDS);
 */
export function banner(url: string, apiKey: string, seeds: SandboxSeeds): string {
  return [
    `memwire sandbox: fake Mielto, MemoryLayer, Supermemory and OpenSearch APIs listening on ${url}`,
    '',
    `  Base URL: ${url}  (every API; use it as each client's baseUrl)`,
    `  API key:  ${apiKey}`,
    `            Bearer <key> for Mielto, MemoryLayer and Supermemory;`,
    `            ApiKey <key>, Bearer <key> or basic admin:<key> for OpenSearch`,
    '',
    ...section('Mielto', routes(mieltoUpdateMemory, mieltoReplaceMemory), mieltoLines(seeds)),
    ...section(
      'MemoryLayer',
      routes(memorylayerUpdateMemory),
      seeds.memoryLayer.map((m) => `${m.id ?? '(random id)'}  layerId: ${m.layerId}`),
    ),
    ...section(
      'Supermemory',
      routes(supermemoryUpdateMemory),
      seeds.supermemory.map((m) => `${m.id ?? '(random id)'}  containerTag: ${m.containerTag}`),
    ),
    // Written out: the spec has one path per type; this is the one route the fake serves them on, in short.
    ...section('OpenSearch', ['PUT /_plugins/_ml/memory_containers/{container_id}/memories/{type}/{id}'], openSearchLines(seeds)),
    ...tryLines(url, apiKey, seeds),
    '',
    'One line per request follows. Press Ctrl+C to stop.',
  ].join('\n');
}

/** Each operation's method and path, the methods padded so that the paths line up. */
function routes(...operations: readonly { readonly method: string; readonly path: string }[]): string[] {
  const width = Math.max(...operations.map(({ method }) => method.length));
  return operations.map(({ method, path }) => `${method.padEnd(width)} ${path}`);
}

function section(title: string, paths: readonly string[], seeded: readonly string[]): string[] {
  return [
    `  ${title}`,
    ...paths.map((path) => `    ${path}`),
    '    seeded:',
    ...(seeded.length > 0 ? seeded : ['(none)']).map((line) => `      ${line}`),
    '',
  ];
}

function mieltoLines(seeds: SandboxSeeds): string[] {
  const width = Math.max(...seeds.mielto.map((memory) => (memory.memory_id ?? '').length), 0);
  return seeds.mielto.map(
    (memory) =>
      `${(memory.memory_id ?? '').padEnd(width)}  X-Workspace-Id: ${memory.workspaceId ?? '(none)'}  user_id: ${memory.user_id}`,
  );
}

function openSearchLines(seeds: SandboxSeeds): string[] {
  return seeds.openSearch.flatMap(({ containerId, memories = {} }) => [
    `container ${containerId}`,
    ...OPENSEARCH_MEMORY_TYPES.flatMap((type) =>
      (memories[type] ?? []).map((memory) => `  ${type}/${memory.id ?? '(random id)'}`),
    ),
  ]);
}

/** A curl that updates the first seeded Mielto memory, with the headers that reach it. */
function tryLines(url: string, apiKey: string, seeds: SandboxSeeds): string[] {
  const first = seeds.mielto[0];
  if (!first) return [];
  const path = mieltoUpdateMemory.path.replace('{memory_id}', encodeURIComponent(first.memory_id ?? ''));
  return [
    '  Try:',
    `    curl -X ${mieltoUpdateMemory.method} ${url}${path} \\`,
    `      -H 'Authorization: Bearer ${apiKey}' -H 'Content-Type: application/json' \\`,
    ...(first.workspaceId ? [`      -H 'X-Workspace-Id: ${first.workspaceId}' \\`] : []),
    `      -d '{"topics": ["coffee"]}'`,
  ];
}
