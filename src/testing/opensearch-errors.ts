import type { OpenSearchErrorResponse } from '../../generated/opensearch.js';
import { jsonResponse } from './responses.js';

/**
 * OpenSearch's standard error body: the exception `type` and `reason`, repeated as the only root
 * cause, and the HTTP status.
 *
 * @example
 * openSearchErrorBody(404, 'status_exception', 'Memory not found');
 * // { error: { root_cause: [{ type: 'status_exception', reason: 'Memory not found' }],
 * //   type: 'status_exception', reason: 'Memory not found' }, status: 404 }
 */
export function openSearchErrorBody(status: number, type: string, reason: string): OpenSearchErrorResponse {
  return { error: { root_cause: [{ type, reason }], type, reason }, status };
}

/** One OpenSearch error, before it becomes a response. */
export interface OpenSearchFailure {
  readonly status: number;
  readonly type: string;
  readonly reason: string;
}

/**
 * A JSON response carrying {@link openSearchErrorBody}.
 *
 * @example
 * openSearchErrorResponse({ status: 400, type: 'illegal_argument_exception', reason: 'Update memory request has empty body' });
 */
export function openSearchErrorResponse({ status, type, reason }: OpenSearchFailure): Response {
  return jsonResponse(status, openSearchErrorBody(status, type, reason));
}
