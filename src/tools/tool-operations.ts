import { memorylayerUpdateMemory, memorylayerUpdateMemorySchema } from '../../generated/memorylayer.operations.js';
import {
  mieltoReplaceMemory,
  mieltoReplaceMemorySchema,
  mieltoUpdateMemory,
  mieltoUpdateMemorySchema,
} from '../../generated/mielto.operations.js';
import {
  opensearchUpdateLongTermMemory,
  opensearchUpdateLongTermMemorySchema,
  opensearchUpdateSession,
  opensearchUpdateSessionSchema,
  opensearchUpdateWorkingMemory,
  opensearchUpdateWorkingMemorySchema,
} from '../../generated/opensearch.operations.js';
import { supermemoryUpdateMemory, supermemoryUpdateMemorySchema } from '../../generated/supermemory.operations.js';
import type { OperationDescription, OperationSchema } from '../core/operation.js';
import type { RequestOptions } from '../core/options.js';
import type { OpenSearchMemoryType } from '../providers/opensearch.js';
import type { MemoryClients } from './memory-tool.js';

type Params = Record<string, string>;
type Body = Record<string, unknown>;

/** One operation as a tool: what the spec says of it, and how the client calls it. */
export interface ToolOperation<Client extends keyof MemoryClients = keyof MemoryClients> {
  client: Client;
  /** The provider, as a title names it. */
  provider: string;
  operation: OperationDescription;
  schema: OperationSchema;
  /** Whether the write overwrites what was there (`destructiveHint`); Supermemory's only adds a version. */
  overwrites: boolean;
  call(client: NonNullable<MemoryClients[Client]>, params: Params, body: Body, options: RequestOptions): Promise<unknown>;
}

const openSearch = (
  type: OpenSearchMemoryType,
  operation: OperationDescription,
  schema: OperationSchema,
): ToolOperation<'openSearch'> => ({
  client: 'openSearch',
  provider: 'OpenSearch',
  operation,
  schema,
  overwrites: true,
  call: (client, { memory_container_id, id }, body, options) =>
    client.memories.update(memory_container_id!, type, id!, body, options),
});

/** Every operation memwire offers as a tool, by client. */
export const TOOL_OPERATIONS: ToolOperation[] = [
  {
    client: 'mielto',
    provider: 'Mielto',
    operation: mieltoUpdateMemory,
    schema: mieltoUpdateMemorySchema,
    overwrites: true,
    call: (client, { memory_id }, body, options) => client.memories.update(memory_id!, body, options),
  } satisfies ToolOperation<'mielto'>,
  {
    client: 'mielto',
    provider: 'Mielto',
    operation: mieltoReplaceMemory,
    schema: mieltoReplaceMemorySchema,
    overwrites: true,
    call: (client, { memory_id }, body, options) => client.memories.replace(memory_id!, body as never, options),
  } satisfies ToolOperation<'mielto'>,
  {
    client: 'memoryLayer',
    provider: 'MemoryLayer',
    operation: memorylayerUpdateMemory,
    schema: memorylayerUpdateMemorySchema,
    overwrites: true,
    call: (client, { id }, body, options) => client.memories.update(id!, body, options),
  } satisfies ToolOperation<'memoryLayer'>,
  {
    client: 'supermemory',
    provider: 'Supermemory',
    operation: supermemoryUpdateMemory,
    schema: supermemoryUpdateMemorySchema,
    overwrites: false,
    call: (client, _params, body, options) => client.memories.update(body as never, options),
  } satisfies ToolOperation<'supermemory'>,
  openSearch('sessions', opensearchUpdateSession, opensearchUpdateSessionSchema),
  openSearch('working', opensearchUpdateWorkingMemory, opensearchUpdateWorkingMemorySchema),
  openSearch('long-term', opensearchUpdateLongTermMemory, opensearchUpdateLongTermMemorySchema),
] as ToolOperation[];
