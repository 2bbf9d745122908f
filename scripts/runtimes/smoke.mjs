/**
 * The smoke test as a script, for runtimes with a command line (Bun, Deno; Node too). Started by
 * run.mjs with one argument, a JSON object:
 *   { "moduleUrl": "file:///…/dist/index.js", "baseUrl": "http://127.0.0.1:PORT", "apiKey": "…", "label": "bun dist/index.js" }
 * Imports the built memwire from moduleUrl, runs checks.mjs against the sandbox at baseUrl, prints
 * one line per check and a final `MEMWIRE-SMOKE {"passed":n,"failed":n}` line, and exits 0 only
 * when every check passed. Uses no Node API, only what Bun and Deno both have.
 */
import { report, runChecks } from './checks.mjs';

const args = globalThis.Deno ? globalThis.Deno.args : globalThis.process.argv.slice(2);
const exit = (code) => (globalThis.Deno ? globalThis.Deno.exit(code) : globalThis.process.exit(code));

let failed = 1;
try {
  const { moduleUrl, baseUrl, apiKey, label } = JSON.parse(args[0] ?? '');
  const memwire = await import(moduleUrl);
  const counts = report(await runChecks(memwire, { baseUrl, apiKey, label }));
  console.log(`MEMWIRE-SMOKE ${JSON.stringify(counts)}`);
  failed = counts.failed === 0 && counts.passed > 0 ? 0 : 1;
} catch (error) {
  console.log(`FAIL could not run the checks -- ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
}
exit(failed);
