// memwire/batch: many updates through memwire's clients, an outcome for each, in the operation
// vocabulary of the agent tools (`{ operation: 'mielto_update_memory', input: { … } }`).
export { applyUpdates, DEFAULT_CONCURRENCY } from './apply-updates.js';
export { checkUpdate } from './resolve-update.js';
export type { ApplyUpdatesOptions, Update, UpdateOutcome, UpdateStatus } from './update.js';
export type { MemoryClients } from '../tools/memory-tool.js';
