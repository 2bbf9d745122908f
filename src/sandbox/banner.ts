import type { MieltoSeedMemory } from '../testing/mielto-fake.js';

/**
 * What the CLI prints once listening: where to send requests, the key, and the seeded memories
 * with the workspace header that reaches each.
 *
 * @example
 * banner('http://127.0.0.1:4010', 'memwire-sandbox-key', SANDBOX_MEMORIES);
 */
export function banner(url: string, apiKey: string, memories: readonly MieltoSeedMemory[]): string {
  const width = Math.max(...memories.map((memory) => (memory.memory_id ?? '').length), 0);
  const seeded = memories.map(
    (memory) => `    ${(memory.memory_id ?? '').padEnd(width)}  X-Workspace-Id: ${memory.workspaceId ?? '(none)'}  user_id: ${memory.user_id}`,
  );
  const first = memories[0];
  const example = first
    ? [
        '',
        '  Try:',
        `    curl -X PUT ${url}/api/v1/memories/${encodeURIComponent(first.memory_id ?? '')} \\`,
        `      -H 'Authorization: Bearer ${apiKey}' -H 'Content-Type: application/json' \\`,
        ...(first.workspaceId ? [`      -H 'X-Workspace-Id: ${first.workspaceId}' \\`] : []),
        `      -d '{"topics": ["coffee"]}'`,
      ]
    : [];
  return [
    `memwire sandbox: fake Mielto API listening on ${url}`,
    '',
    `  Base URL: ${url}`,
    `  API key:  ${apiKey}`,
    '  Seeded memories:',
    ...(seeded.length > 0 ? seeded : ['    (none)']),
    ...example,
    '',
    'One line per request follows. Press Ctrl+C to stop.',
  ].join('\n');
}
