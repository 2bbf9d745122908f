export {
  Mielto,
  type MieltoMemories,
  type MieltoMemoryReplace,
  type MieltoMemoryReplaceResponse,
  type MieltoMemoryResponse,
  type MieltoMemoryUpdate,
  type MieltoMemoryUpdateResponse,
  type MieltoOptions,
  type MieltoRequestOptions,
} from './providers/mielto.js';
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
  type OpenSearchRequestOptions,
  type OpenSearchUpdateResult,
  type OpenSearchVersion,
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

// Every schema type under its provider's prefix, for hovers and imports that say whose it is.
export type {
  PaymentRequired as MieltoPaymentRequired,
  HttpValidationError as MieltoHttpValidationError,
} from '../generated/mielto.js';
export type {
  MemoryUpdateRequest as MemoryLayerMemoryUpdateRequest,
  MemoryUpdateResponse as MemoryLayerMemoryUpdateResponse,
  ErrorResponse as MemoryLayerErrorResponse,
} from '../generated/memorylayer.js';
export type {
  UpdateMemoryRequest as SupermemoryUpdateMemoryRequest,
  UpdateMemoryResponse as SupermemoryUpdateMemoryResponse,
  MemorySelector as SupermemoryMemorySelector,
  NewMemoryVersion as SupermemoryNewMemoryVersion,
  MetadataValue as SupermemoryMetadataValue,
  TemporalContext as SupermemoryTemporalContext,
  ErrorResponse as SupermemoryErrorResponse,
} from '../generated/supermemory.js';
export type {
  SessionMemoryUpdate as OpenSearchSessionMemoryUpdate,
  WorkingMemoryUpdate as OpenSearchWorkingMemoryUpdate,
  LongTermMemoryUpdate as OpenSearchLongTermMemoryUpdate,
  AgenticMessage as OpenSearchAgenticMessage,
  UpdateMemoryResponse as OpenSearchUpdateMemoryResponse,
  ShardStatistics as OpenSearchShardStatistics,
  OpenSearchErrorResponse,
} from '../generated/opensearch.js';

import type * as mielto from '../generated/mielto.js';
/** @deprecated Use `MieltoMemoryReplace`; the unprefixed name goes in the next minor version. */
export type MemoryReplace = mielto.MemoryReplace;
/** @deprecated Use `MieltoMemoryReplaceResponse`; the unprefixed name goes in the next minor version. */
export type MemoryReplaceResponse = mielto.MemoryReplaceResponse;
/** @deprecated Use `MieltoMemoryResponse`; the unprefixed name goes in the next minor version. */
export type MemoryResponse = mielto.MemoryResponse;
/** @deprecated Use `MieltoMemoryUpdate`; the unprefixed name goes in the next minor version. */
export type MemoryUpdate = mielto.MemoryUpdate;
/** @deprecated Use `MieltoMemoryUpdateResponse`; the unprefixed name goes in the next minor version. */
export type MemoryUpdateResponse = mielto.MemoryUpdateResponse;
