import type { DropFault, FailFault } from './faults.js';
import { reasonPhrase } from './http-reasons.js';
import { jsonResponse, textResponse } from './responses.js';

/**
 * Builds a provider's error response for a status, message, extra headers and (optional) error
 * code, e.g. a JSON `{ detail: message }`.
 */
export type ErrorAnswer = (
  status: number,
  message: string,
  headers: Readonly<Record<string, string>>,
  code: string | undefined,
) => Response;

/**
 * The response a `fail` or `drop` fault answers with: `Response.error()` for a drop (fetch then
 * rejects as on a network error), else the status with the fault's headers and body (by default
 * the provider's error response for the status's reason phrase and the fault's `errorCode`).
 *
 * @example
 * faultResponse(failFault({ status: 503 }), (status, message, headers) => jsonResponse(status, { detail: message }, headers));
 * // 503 {"detail":"Service Unavailable"}
 */
export function faultResponse(fault: FailFault | DropFault, errorAnswer: ErrorAnswer): Response {
  if (fault.kind === 'drop') return Response.error();
  const { status, headers, body } = fault;
  if (body === undefined) return errorAnswer(status, reasonPhrase(status), headers, fault.errorCode);
  if (typeof body === 'string') {
    const type = body.trimStart().startsWith('<') ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8';
    return textResponse(status, body, type, headers);
  }
  return jsonResponse(status, body, headers);
}
