import { describe, expect, it } from 'vitest';
import { applyUpdates } from '../../src/batch/index.js';
import { Mielto, OpenSearchMemory } from '../../src/index.js';
import { memoryTools } from '../../src/tools/index.js';
import { ENCODINGS } from '../helpers/echo-encodings.js';
import { secretsShown } from '../helpers/secret-search.js';
import { INSTANT, KEY, OPENSEARCH_RESULT, reply, useServer, WRITES } from './hostile-server.js';

// A server may echo the credentials in a 2xx too (a proxy that reflects its request, a debug
// field): what a call resolves to is what a tool result, a bulk update's `result` and
// `memwire apply --json` hand on, so it is redacted like an error's body.

const server = useServer();
const FORMS: [string, (secret: string) => string][] = [
  ['verbatim', (secret) => secret],
  ['percent-encoded', encodeURIComponent],
  ...ENCODINGS.slice(0, 3),
];

/** The documented 2xx of `write`, with the echo beside the fields the caller gets. */
function echoed(write: (typeof WRITES)[number], echo: string): unknown {
  const success = write.success as Record<string, unknown>;
  return write.resolved === success ? { ...success, echo } : { ...success, data: { ...(success.data as object), echo } };
}

describe.each(WRITES)('$name: what a 2xx resolves to shows no key the server echoes', (write) => {
  it.each(FORMS)('%s', async (_, form) => {
    server.handle = (seen, response) => reply(response, 200, echoed(write, form(seen.authorization!)));
    const data = await write.call(server.url);
    expect(secretsShown(data, [KEY])).toEqual([]);
    expect(JSON.stringify(data)).toContain('[redacted]');
  });
});

describe('a 2xx that echoes the key', () => {
  const mielto = () => new Mielto({ apiKey: KEY, baseUrl: server.url, ...INSTANT });
  const input = { memory_id: 'mem_1', memory: 'Likes tea' };
  const success = WRITES[0]!.success as object;

  it("is redacted in a tool's result", async () => {
    server.handle = (seen, response) => reply(response, 200, { ...success, message: `updated with ${seen.authorization}` });
    const tool = memoryTools({ mielto: mielto() }).find((candidate) => candidate.name === 'mielto_update_memory')!;
    const result = await tool.execute(input);
    expect(result).toMatchObject({ ok: true, result: { message: 'updated with [redacted]' } });
    expect(secretsShown(result, [KEY])).toEqual([]);
  });

  it("is redacted in a bulk update's result", async () => {
    server.handle = (seen, response) => reply(response, 200, { ...success, message: `updated with ${seen.authorization}` });
    const outcomes = [];
    for await (const outcome of applyUpdates({ mielto: mielto() }, [{ operation: 'mielto_update_memory', input }])) {
      outcomes.push(outcome);
    }
    expect(outcomes).toMatchObject([{ status: 'updated', result: { message: 'updated with [redacted]' } }]);
    expect(secretsShown(outcomes, [KEY])).toEqual([]);
  });
});

describe('a 2xx that echoes a password holding a character JSON escapes by name (a tab, a newline)', () => {
  it.each(['correct\thorse', 'line\nbreak'])('%j', async (password) => {
    server.handle = (seen, response) => {
      const pair = Buffer.from(seen.authorization!.slice('Basic '.length), 'base64').toString('utf8');
      reply(response, 200, { ...OPENSEARCH_RESULT, debug: `authenticated ${pair}` });
    };
    const client = new OpenSearchMemory({ auth: { username: 'admin', password }, baseUrl: server.url, ...INSTANT });
    const data = await client.memories.update('c_1', 'long-term', 'm_1', { memory: 'Likes tea' });
    expect(secretsShown(data, [password])).toEqual([]);
    expect(data).toMatchObject({ debug: 'authenticated admin:[redacted]' });
  });
});
