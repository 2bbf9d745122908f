// `node bench/cold-import.mjs <specifier>...`, in a fresh process each time: prints how many ms the
// first `import()` of each specifier takes, in order (resolution, reading, compiling and evaluating
// what was not loaded yet). run.mjs compares `memwire` (dist/index.js, with openapi-fetch) with
// fixtures/empty.mjs, the fixed cost of any dynamic import; profile.mjs imports openapi-fetch first
// to see memwire's own share.
import { performance } from 'node:perf_hooks';

const times = [];
for (const specifier of process.argv.slice(2)) {
  const start = performance.now();
  await import(specifier);
  times.push(performance.now() - start);
}
process.stdout.write(`${times.join(' ')}\n`);
