/**
 * The smoke test as a Cloudflare Worker, for workerd. run.mjs serves it with the minified bundle
 * (dist/browser/memwire.min.js, loaded as the module `memwire.min.js`, unchanged) and checks.mjs
 * beside it, with the sandbox's URL and key as text bindings and a global outbound that reaches
 * 127.0.0.1 only. `GET /run` runs the checks and answers
 * `{ results: [{ name, ok, detail }] }` (200 when all passed, 500 otherwise).
 */
import * as memwire from './memwire.min.js';
import { runChecks } from './checks.mjs';

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname !== '/run') return new Response('not found', { status: 404 });
    const results = await runChecks(memwire, {
      baseUrl: env.SANDBOX_URL,
      apiKey: env.SANDBOX_KEY,
      label: 'workerd memwire.min.js',
    });
    const allPassed = results.length > 0 && results.every((result) => result.ok);
    return Response.json({ results }, { status: allPassed ? 200 : 500 });
  },
};
