// `memwire mcp --sandbox`: the embedded sandbox's clients are made from the very variables a user
// would set to point memwire at a sandbox, so there is one way to build clients.
import type { Sandbox } from '../sandbox/serve.js';
import { SANDBOX_SEEDS, type SandboxSeeds } from '../sandbox/seed.js';
import type { Env } from './env-clients.js';

/**
 * The environment that points every provider at `sandbox`. Mielto's memories live per workspace:
 * the client gets the first seeded memory's.
 *
 * @example
 * sandboxEnv({ url: 'http://127.0.0.1:4010', apiKey: 'memwire-sandbox-key' }).MIELTO_WORKSPACE_ID; // 'ws_personal'
 */
export function sandboxEnv({ url, apiKey }: Pick<Sandbox, 'url' | 'apiKey'>, seeds: SandboxSeeds = SANDBOX_SEEDS): Env {
  return {
    MIELTO_API_KEY: apiKey,
    MIELTO_BASE_URL: url,
    MIELTO_WORKSPACE_ID: seeds.mielto[0]?.workspaceId ?? undefined,
    MEMORYLAYER_API_KEY: apiKey,
    MEMORYLAYER_BASE_URL: url,
    SUPERMEMORY_API_KEY: apiKey,
    SUPERMEMORY_BASE_URL: url,
    OPENSEARCH_URL: url,
    OPENSEARCH_API_KEY: apiKey,
  };
}

/**
 * What the sandbox holds that the tools can reach, for the MCP server's instructions: a model
 * cannot update a memory whose id it does not know.
 */
export function sandboxInstructions(seeds: SandboxSeeds = SANDBOX_SEEDS): string {
  const workspace = seeds.mielto[0]?.workspaceId ?? null;
  const lines = [
    ...seeds.mielto
      .filter((m) => (m.workspaceId ?? null) === workspace)
      .map((m) => `Mielto memory_id ${m.memory_id}: "${m.memory}"`),
    ...seeds.memoryLayer.map((m) => `MemoryLayer id ${m.id} (layerId ${m.layerId}): "${m.content}"`),
    ...seeds.supermemory.map((m) => `Supermemory id ${m.id} (containerTag ${m.containerTag}): "${m.memory}"`),
    ...seeds.openSearch.flatMap(({ containerId, memories = {} }) =>
      Object.entries(memories).flatMap(([type, list]) =>
        (list ?? []).map((m) => `OpenSearch memory_container_id ${containerId}, ${type} id ${m.id}`),
      ),
    ),
  ];
  return [
    "These tools update memories in memwire's sandbox: in-memory fakes of the providers, not real services. It holds:",
    ...lines.map((line) => `- ${line}`),
  ].join('\n');
}
