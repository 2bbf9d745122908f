import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError, Mielto } from '../../src/index.js';
import { TestClock } from '../../src/testing/index.js';
import { rejectionOf } from '../helpers/use-fake.js';

// Real sockets (no msw): what undici says when nothing listens, and when fetch refuses a port.
const API_KEY = 'sk-network-test-1';
const clock = new TestClock();
const timing = { clock, random: () => 0 };

describe('network errors name the origin, the reason and the attempts', () => {
  let closedPort = 0;
  beforeAll(async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closedPort = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
  });

  it('a refused connection, retried', async () => {
    const origin = `http://127.0.0.1:${closedPort}`;
    const mielto = new Mielto({ apiKey: API_KEY, baseUrl: `${origin}/base`, ...timing });
    const error = await rejectionOf(clock.run(mielto.memories.update('mem_1', { memory: 'x' })));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ origin, attempts: 3 });
    expect(error.message).toBe(
      `Mielto memories.update: could not reach ${origin}: fetch failed: connect ECONNREFUSED 127.0.0.1:${closedPort} (after 3 attempts)`,
    );
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: 'ConnectionError',
      message: error.message,
      origin,
      attempts: 3,
    });
  });

  it("fetch's own refusal (a bad port), with its reason in the message", async () => {
    const error = await rejectionOf(
      new Mielto({ apiKey: API_KEY, baseUrl: 'http://127.0.0.1:6000', maxRetries: 0 }).memories.update('m', { memory: 'x' }),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe('Mielto memories.update: could not reach http://127.0.0.1:6000: fetch failed: bad port');
  });
});
