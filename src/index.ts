export { Mielto, type MieltoMemories, type MieltoOptions, type MieltoRequestOptions } from './providers/mielto.js';
export {
  MemoryLayer,
  type MemoryLayerMemories,
  type MemoryLayerMemory,
  type MemoryLayerOptions,
  type MemoryLayerPatch,
} from './providers/memorylayer.js';
export {
  Supermemory,
  type SupermemoryMemories,
  type SupermemoryOptions,
  type SupermemoryUpdate,
  type SupermemoryVersion,
} from './providers/supermemory.js';
export {
  OpenSearchMemory,
  type OpenSearchAuth,
  type OpenSearchMemories,
  type OpenSearchMemoryOptions,
  type OpenSearchMemoryType,
  type OpenSearchMemoryUpdates,
  type OpenSearchUpdateResult,
} from './providers/opensearch.js';
export type { ApiKeyOption, ClientOptions, RequestOptions } from './core/options.js';
export type { RetryBudgetOptions } from './core/retry-budget.js';
export type { ApiKey } from './core/credentials.js';
export type { ResponsePromise, CallMetadata, WithResponse } from './core/response-promise.js';
export type { Clock } from './core/clock.js';
export type { HookContext, Hooks, RetryContext } from './core/hooks.js';
export type { Logger, LogLevel } from './core/log.js';
export { SENT_HEADERS, READ_HEADERS } from './core/cors.js';

export { MemwireError } from './core/errors/memwire-error.js';
export { ApiError, type ApiErrorInit } from './core/errors/api-error.js';
export { BadRequestError } from './core/errors/bad-request-error.js';
export { AuthenticationError } from './core/errors/authentication-error.js';
export { PaymentRequiredError } from './core/errors/payment-required-error.js';
export { PermissionDeniedError } from './core/errors/permission-denied-error.js';
export { NotFoundError } from './core/errors/not-found-error.js';
export { ConflictError } from './core/errors/conflict-error.js';
export { ValidationError, type ValidationIssue } from './core/errors/validation-error.js';
export { RateLimitError } from './core/errors/rate-limit-error.js';
export { ServerError } from './core/errors/server-error.js';
export { InvalidResponseError } from './core/errors/invalid-response-error.js';
export { ConnectionError, type ConnectionErrorOptions } from './core/errors/connection-error.js';
export { TimeoutError } from './core/errors/timeout-error.js';
export { AbortError } from './core/errors/abort-error.js';
export { InvalidArgumentError } from './core/errors/invalid-argument-error.js';
export { HookError, type HookErrorInit } from './core/errors/hook-error.js';

// Mielto's schemas, by their spec names.
export type {
  MemoryReplace,
  MemoryReplaceResponse,
  MemoryResponse,
  MemoryUpdate,
  MemoryUpdateResponse,
} from '../generated/mielto.js';
