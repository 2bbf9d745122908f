import { describe, expect, it } from 'vitest';
import { InvalidResponseError } from '../../src/index.js';
import { rejectionOf, reply, useServer, WRITES } from './hostile-server.js';

// A 2xx is a success only when its body holds the required fields of the operation's documented
// response (generated from the specs), with their JSON types. Anything else is an
// InvalidResponseError that says the write may have been applied, shows what came, and is never
// sent again.

const server = useServer();

describe.each(WRITES)('$name', (write) => {
  it.each([
    ['a gateway that dropped the request', { error: 'maintenance: request dropped' }],
    ['an empty object', {}],
    ['the answer of another operation (a GET of the memory)', { memory_id: 'mem_1', user_id: 'u', memory: 'Likes tea' }],
  ])('refuses a 200 that is %s, sent once', async (_case, body) => {
    server.handle = (_seen, response) => reply(response, 200, body);
    const error = await rejectionOf(write.call(server.url));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200, body, attempts: 1 });
    expect(error.message).toContain('the body is not the documented answer (');
    expect(error.message).toContain('the write may have been applied or not');
    expect(error.message).toContain(`it came as ${JSON.stringify(body)}`);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses each required field missing or of another JSON type, naming it', async () => {
    const documented = write.success as Record<string, unknown>;
    for (const field of Object.keys(documented).filter((key) => documented[key] !== null)) {
      const wrongType = typeof documented[field] === 'string' ? 42 : 'a string';
      for (const [body, named] of [
        [{ ...documented, [field]: undefined }, `no ${field}`],
        [{ ...documented, [field]: wrongType }, `${field} is ${typeof wrongType}`],
      ] as const) {
        server.handle = (_seen, response) => reply(response, 200, body);
        const error = await rejectionOf(write.call(server.url));
        // A field the spec does not require may be anything: only required ones are checked.
        if (error instanceof Error) expect(error.message, JSON.stringify(body)).toContain(named);
      }
    }
  });

  it('cuts what came to 200 characters, after redaction', async () => {
    const body = { error: 'x'.repeat(5_000) };
    server.handle = (_seen, response) => reply(response, 200, body);
    const error = await rejectionOf(write.call(server.url));
    expect(error.message).toMatch(/it came as \{"error":"x{190}$/);
  });
});
