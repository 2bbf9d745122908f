// `npm run bench:overload`: how memwire treats a service that is down or throttling (issue 13),
// next to memwire with today's policy and the supermemory SDK, against stand-in servers on
// 127.0.0.1 in real time. Builds the package, runs every scenario for every variant in a fresh
// process, prints the table and writes it to bench/OVERLOAD.md. Not part of `npm test`.
//
//   node bench/overload.mjs [--no-build] [--only outage,rate-limit,capped] [--check]
//
// --no-build measures dist/ as it is; --only runs those scenarios and prints them without writing
// OVERLOAD.md; --check exits 1 when a target is missed or pending.
//
// Every row is bounded: its calls share a signal that aborts after DEADLINE_MS, and a child still
// running 5 s later is killed. A row the build cannot run yet (an option it does not know) is
// pending, not an error: see support.mjs.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs, promisify } from 'node:util';
import { buildSnapshot } from './build.mjs';
import { DEADLINE_MS, SCENARIOS } from './overload/scenarios.mjs';
import { VARIANTS } from './overload/variants.mjs';
import { report } from './overload/report.mjs';

const run = promisify(execFile);
const ROOT = new URL('../', import.meta.url);
const KILL_AFTER_MS = DEADLINE_MS + 5_000;

const { values: args } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    only: { type: 'string' },
    check: { type: 'boolean', default: false },
  },
});
const scenarioNames = args.only ? args.only.split(',') : Object.keys(SCENARIOS);
for (const name of scenarioNames) if (!SCENARIOS[name]) throw new Error(`no scenario ${name}: ${Object.keys(SCENARIOS)}`);

const log = (line) => process.stderr.write(`${line}\n`);

// The bench loads memwire from its own copy of dist/, which a rebuild during the run cannot change.
const memwire = buildSnapshot({ build: !args['no-build'], name: 'overload' });
process.env.MEMWIRE_ENTRY = memwire.entry; // for clients.mjs, here and in the children
const { unknownOptions } = await import('./overload/support.mjs');

// Before issue 13 lands, memwire has none of today's policy options: its defaults are that policy.
const todayOptions = VARIANTS.today.options;
const policyUnknown = unknownOptions(todayOptions);
const noPolicyOptions = policyUnknown.length === Object.keys(todayOptions).length;

/** What one row sends its client, or why it cannot run on this build. */
function plan(scenario, variantName) {
  const variant = VARIANTS[variantName];
  if (variant.client !== 'memwire') return { options: scenario.options };
  const missing = unknownOptions(scenario.options);
  if (missing.length > 0) return { pending: `this build has no ${missing.join(', ')}` };
  if (variantName === 'defaults' && noPolicyOptions) {
    return { pending: `this build has no ${policyUnknown.join(', ')}: its defaults are today's policy` };
  }
  const options = { ...without(variant.options, policyUnknown), ...scenario.options };
  if (variantName !== 'today' || policyUnknown.length === 0) return { options };
  const note = noPolicyOptions ? "this build's defaults" : `without ${policyUnknown.join(', ')}, unknown to this build`;
  return { options, note };
}

function without(options, names) {
  return Object.fromEntries(Object.entries(options).filter(([name]) => !names.includes(name)));
}

/** The end of what a failed child said, where its error is. */
const lastLines = (text, count = 2) => String(text).trim().split('\n').slice(-count).join(' ');

/** Runs one row in a fresh process; its result, or `{ error }` when the child failed or was killed. */
async function runChild(scenarioName, client, options) {
  const config = JSON.stringify({ scenario: scenarioName, client, options });
  const child = new URL('overload/child.mjs', import.meta.url).pathname;
  try {
    const { stdout } = await run(process.execPath, [child, config], { cwd: ROOT, timeout: KILL_AFTER_MS, killSignal: 'SIGKILL' });
    return JSON.parse(stdout);
  } catch (error) {
    if (error.killed) return { error: `killed after ${KILL_AFTER_MS / 1000} s` };
    return { error: lastLines(error.stderr || error.message) };
  }
}

/** Plans one row and, unless it is pending, runs it. */
async function runRow(scenarioName, variantName) {
  const scenario = SCENARIOS[scenarioName];
  const variant = VARIANTS[variantName];
  const row = { scenario, variant, targeted: scenario.targeted.includes(variantName), ...plan(scenario, variantName) };
  if (row.pending) return row;
  const started = Date.now();
  row.result = await runChild(scenarioName, variant.client, row.options);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(`${scenarioName}, ${variant.label}: ${row.result.error ?? 'done'} in ${seconds} s`);
  return row;
}

const rows = [];
for (const scenarioName of scenarioNames) {
  for (const variantName of SCENARIOS[scenarioName].variants) rows.push(await runRow(scenarioName, variantName));
}

const packageVersion = (path) => JSON.parse(readFileSync(new URL(path, ROOT), 'utf8')).version;
const { markdown, misses } = report(rows, {
  memwire: packageVersion('package.json'),
  supermemory: packageVersion('node_modules/supermemory/package.json'),
  root: ROOT,
});
process.stdout.write(`${markdown}\n`);
if (args.only) log('(--only: bench/OVERLOAD.md left as it was)');
else writeFileSync(new URL('OVERLOAD.md', import.meta.url), `${markdown}\n`);
if (args.check && misses > 0) {
  log(`${misses} target(s) missed or pending`);
  process.exitCode = 1;
}
