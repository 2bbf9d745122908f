// A line for a provider the environment does not configure: batch's error for it speaks to code
// ("pass { mielto } to applyUpdates"); the command names the variables that would configure it.
import { checkUpdate, operationName, toolOperation } from '../../batch/resolve-update.js';
import type { MemoryClients } from '../../tools/memory-tool.js';
import { PROVIDER_ENV } from '../env-clients.js';

/**
 * Why a well-formed update cannot be sent with `clients`: its provider is not configured, and
 * these variables would configure it. `undefined` when it can be sent, or is refused for its own
 * shape (which batch says).
 *
 * @example
 * unconfigured({ operation: 'supermemory_update_memory', input: { … } }, { mielto });
 * // 'supermemory_update_memory needs Supermemory, which the environment does not configure: set SUPERMEMORY_API_KEY (optional: SUPERMEMORY_BASE_URL).'
 */
export function unconfigured(update: unknown, clients: MemoryClients): string | undefined {
  const entry = toolOperation(operationName(update));
  if (!entry || clients[entry.client] || checkUpdate(update).length > 0) return undefined;
  const provider = PROVIDER_ENV.find(({ key }) => key === entry.client)!;
  return `${entry.schema.name} needs ${provider.name}, which the environment does not configure: set ${provider.needs}.`;
}
