/**
 * A line of JSON as the update it holds, or why it holds none. The parser's own message is not
 * passed on: V8 quotes the text around the mistake, which is a memory's content.
 *
 * @example
 * parseLine('{"operation":"mielto_update_memory","input":{"memory_id":"mem_1","memory":"Tea"}}'); // { update: {…} }
 * parseLine('{"operation":,}'); // { problem: 'not JSON (unexpected ",")' }
 */
export function parseLine(text: string): { update: unknown } | { problem: string } {
  try {
    return { update: JSON.parse(text) as unknown };
  } catch (error) {
    return { problem: `not JSON${where((error as Error).message)}` };
  }
}

/** Where V8's message says the mistake is, without the text it quotes. */
function where(message: string): string {
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return ` (at character ${Number(position) + 1})`;
  const token = /^Unexpected token '(.)'/u.exec(message)?.[1];
  if (token !== undefined) return ` (unexpected ${JSON.stringify(token)})`;
  return /end of JSON input/.test(message) ? ' (it ends too soon)' : '';
}
