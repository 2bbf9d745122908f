import { http, type HttpHandler } from 'msw';
import type { FakeServer } from './fake-server.js';

/**
 * msw handlers that hand every request under the fake's `baseUrl` (any method, any path) to
 * `fake.handle`. A `Response.error()` from the fake makes msw reject the fetch as a network
 * error, which is how dropped connections are simulated.
 *
 * The URL is matched with a regular expression rather than a `${baseUrl}/*` path pattern: msw
 * percent-decodes path patterns while matching and answers a 500 of its own for a malformed
 * sequence such as `%zz`, before the fake could answer.
 *
 * @example
 * const server = setupServer(...mswHandlers(fake));
 */
export function mswHandlers(fake: FakeServer): HttpHandler[] {
  return [http.all(baseUrlPattern(fake.baseUrl), ({ request }) => fake.handle(request))];
}

/** A fake with the msw handlers that serve it attached as `handlers`. */
export type MswFake<F extends FakeServer> = F & { readonly handlers: readonly HttpHandler[] };

/**
 * The fake itself, with its msw handlers attached as `handlers`.
 *
 * @example
 * const fake = withMswHandlers(new MieltoFake({ apiKey: 'k' }));
 * setupServer(...fake.handlers);
 */
export function withMswHandlers<F extends FakeServer>(fake: F): MswFake<F> {
  return Object.assign(fake, { handlers: mswHandlers(fake) });
}

/**
 * Matches the base URL and everything under it, as msw compares it: origin plus pathname.
 *
 * @example
 * baseUrlPattern('https://api.mielto.com').test('https://api.mielto.com/api/v1/memories/x'); // true
 */
export function baseUrlPattern(baseUrl: string): RegExp {
  const url = new URL(baseUrl);
  const base = url.origin + url.pathname.replace(/\/+$/, '');
  return new RegExp(`^${escapeRegExp(base)}(?:/.*)?$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
