import { redact } from '../core/redact.js';

/**
 * One sandbox log line: method, raw path (no query string, which may hold secrets), workspace and
 * outcome. The key is redacted as memwire's errors redact it (so also percent-encoded, as a client
 * puts it in a path), in case a client put it in the path or the workspace.
 *
 * @example
 * logLine({ method: 'PUT', target: '/api/v1/memories/mem_coffee?x=1', workspaceId: 'ws_personal', outcome: 200 }, 'key');
 * // 'PUT /api/v1/memories/mem_coffee ws=ws_personal -> 200'
 */
export function logLine(
  entry: { method: string; target: string; workspaceId: string | null; outcome: number | 'dropped' },
  secret: string,
): string {
  const path = entry.target.split('?')[0] ?? '';
  return redact(`${entry.method} ${path} ws=${entry.workspaceId ?? '-'} -> ${entry.outcome}`, [secret]);
}
