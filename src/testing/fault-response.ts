import type { DropFault, FailFault } from './faults.js';
import { reasonPhrase } from './http-reasons.js';
import { jsonResponse, textResponse } from './responses.js';

/** Builds a provider's error body for a status and message, e.g. `{ detail: message }`. */
export type ErrorBody = (status: number, message: string) => unknown;

/**
 * The response a `fail` or `drop` fault answers with: `Response.error()` for a drop (fetch then
 * rejects as on a network error), else the status with the fault's headers and body.
 *
 * @example
 * faultResponse(failFault({ status: 503 }), (status, message) => ({ detail: message }));
 * // 503 {"detail":"Service Unavailable"}
 */
export function faultResponse(fault: FailFault | DropFault, errorBody: ErrorBody): Response {
  if (fault.kind === 'drop') return Response.error();
  const { status, headers, body } = fault;
  if (body === undefined) return jsonResponse(status, errorBody(status, reasonPhrase(status)), headers);
  if (typeof body === 'string') {
    const type = body.trimStart().startsWith('<') ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8';
    return textResponse(status, body, type, headers);
  }
  return jsonResponse(status, body, headers);
}
