#!/usr/bin/env node
/**
 * Runs the BUILT memwire in other server runtimes against the local sandbox over real HTTP on
 * 127.0.0.1: Bun and Deno (dist/index.js and dist/browser/memwire.min.js) and Cloudflare's workerd
 * (the minified bundle inside a Worker). Run `npm run build` first.
 *
 *   node scripts/runtimes/run.mjs [--only bun,deno,workerd] [--timeout 30] [--install-only]
 *                                 [--skip-install] [--dist DIR] [--bundle FILE]
 *
 * Install: each runtime comes from the npm registry at a pinned version, into
 * scripts/runtimes/.install/<runtime>/ (git-ignored, never the project's package.json or lock
 * file), with --ignore-scripts: the runner starts the platform package's binary itself
 * (@oven/bun-linux-x64/bin/bun, @deno/linux-x64-glibc/deno, @cloudflare/workerd-linux-64/bin/workerd),
 * so no install script has to run or be approved. An install that is already there is reused.
 * (On an x64 Linux CPU without AVX2 it takes @oven/bun-linux-x64-baseline, as bun's postinstall would.)
 *
 * Each run gets a fresh sandbox (startSandbox({ port: 0 }) from dist/sandbox.js) with
 * `mielto.failNext({ status: 503, retryAfterMs: 0 })` injected before the runtime starts; the
 * runtime runs checks.mjs (smoke.mjs for Bun and Deno, worker.mjs for workerd, fetched once at
 * /run), and the runner then checks the sandbox saw exactly the expected requests. Every process is
 * killed after --timeout seconds (default 30).
 *
 * Which runtimes are required: all three, wherever the registry has a build for the platform
 * (Linux x64/arm64 with glibc, macOS x64/arm64); there, a failed install or a failed run fails the
 * runner. Elsewhere the runtime is reported as skipped, which is not a failure.
 *
 * Exit code: 0 when every required run passed, 1 otherwise, 2 on bad arguments.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { EXPECTED_REQUESTS, report } from './checks.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const INSTALL_DIR = join(HERE, '.install');
const INSTALL_TIMEOUT_MS = 5 * 60_000;

/**
 * The pinned runtimes. `binaries` maps a platform key to [platform package, binary inside it]: the
 * package that the wrapper package lists as an optional dependency for that platform.
 */
const RUNTIMES = {
  bun: {
    package: 'bun',
    version: '1.4.5',
    binaries: {
      'linux-x64-glibc': ['@oven/bun-linux-x64', 'bin/bun'],
      'linux-x64-musl': ['@oven/bun-linux-x64-musl', 'bin/bun'],
      'linux-arm64-glibc': ['@oven/bun-linux-aarch64', 'bin/bun'],
      'linux-arm64-musl': ['@oven/bun-linux-aarch64-musl', 'bin/bun'],
      'darwin-x64': ['@oven/bun-darwin-x64', 'bin/bun'],
      'darwin-arm64': ['@oven/bun-darwin-aarch64', 'bin/bun'],
    },
    modules: ['index', 'bundle'],
  },
  deno: {
    package: 'deno',
    version: '2.9.6',
    binaries: {
      'linux-x64-glibc': ['@deno/linux-x64-glibc', 'deno'],
      'linux-arm64-glibc': ['@deno/linux-arm64-glibc', 'deno'],
      'darwin-x64': ['@deno/darwin-x64', 'deno'],
      'darwin-arm64': ['@deno/darwin-arm64', 'deno'],
    },
    modules: ['index', 'bundle'],
  },
  workerd: {
    package: 'workerd',
    version: '1.20261117.1',
    binaries: {
      'linux-x64-glibc': ['@cloudflare/workerd-linux-64', 'bin/workerd'],
      'linux-arm64-glibc': ['@cloudflare/workerd-linux-arm64', 'bin/workerd'],
      'darwin-x64': ['@cloudflare/workerd-darwin-64', 'bin/workerd'],
      'darwin-arm64': ['@cloudflare/workerd-darwin-arm64', 'bin/workerd'],
    },
    modules: ['bundle'],
  },
};

// ---------------------------------------------------------------------------------------------
// Arguments

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      only: { type: 'string' },
      timeout: { type: 'string', default: '30' },
      'install-only': { type: 'boolean', default: false },
      'skip-install': { type: 'boolean', default: false },
      dist: { type: 'string', default: join(ROOT, 'dist') },
      bundle: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  console.error(`run.mjs: ${error.message}`);
  process.exit(2);
}
if (options.help) {
  console.log(
    readFileSync(fileURLToPath(import.meta.url), 'utf8')
      .split('*/')[0]
      .replace(/^#!.*\n\/\*\*\n?/, '')
      .replace(/^ \* ?/gm, ''),
  );
  process.exit(0);
}
const selected = options.only
  ? options.only
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)
  : Object.keys(RUNTIMES);
const unknown = selected.filter((name) => !(name in RUNTIMES));
const timeoutSeconds = Number(options.timeout);
if (unknown.length > 0 || !(timeoutSeconds > 0)) {
  console.error(
    unknown.length > 0
      ? `run.mjs: unknown runtime ${unknown.join(', ')} (known: ${Object.keys(RUNTIMES).join(', ')})`
      : `run.mjs: --timeout must be a positive number of seconds, got ${options.timeout}`,
  );
  process.exit(2);
}
const TIMEOUT_MS = timeoutSeconds * 1000;
const DIST = resolve(options.dist);
const MODULES = {
  index: { label: 'dist/index.js', file: join(DIST, 'index.js') },
  bundle: {
    label: options.bundle ? basename(options.bundle) : 'dist/browser/memwire.min.js',
    file: options.bundle ? resolve(options.bundle) : join(DIST, 'browser', 'memwire.min.js'),
  },
};

// ---------------------------------------------------------------------------------------------
// Main

const started = performance.now();
const platform = platformKey();
/** One entry per planned run: { name, status: 'pass' | 'fail' | 'skip', detail, ms }. */
const outcomes = [];

console.log(`memwire in other runtimes: the built package against the sandbox on 127.0.0.1 (platform ${platform})`);

const runtimes = [];
for (const name of selected) {
  const runtime = { name, ...RUNTIMES[name] };
  const binary = runtime.binaries[platform];
  if (!binary) {
    const reason = `npm has no ${runtime.package}@${runtime.version} build for ${platform}`;
    console.log(`\n== ${name}: skipped (${reason})`);
    outcomes.push({ name, status: 'skip', detail: reason, ms: 0 });
    continue;
  }
  runtime.prefix = join(INSTALL_DIR, name);
  runtime.platformPackage = binary[0];
  runtime.extraPackages = [];
  if (name === 'bun' && platform.startsWith('linux-x64') && !cpuHasAvx2()) {
    // What bun's own postinstall would pick (it downloads it): the build for CPUs without AVX2.
    runtime.platformPackage = `${binary[0]}-baseline`;
    runtime.extraPackages.push(`${runtime.platformPackage}@${runtime.version}`);
  }
  runtime.bin = join(runtime.prefix, 'node_modules', runtime.platformPackage, binary[1]);
  runtimes.push(runtime);
}

// Install (or reuse) each runtime.
for (const runtime of runtimes) {
  if (isInstalled(runtime)) {
    console.log(`\n== ${runtime.name}: ${runtime.package}@${runtime.version} already in ${shown(runtime.prefix)}`);
    continue;
  }
  if (options['skip-install']) {
    runtime.failed = `not installed in ${shown(runtime.prefix)} and --skip-install was given`;
    continue;
  }
  console.log(`\n== ${runtime.name}: installing ${runtime.package}@${runtime.version} into ${shown(runtime.prefix)}`);
  const t0 = performance.now();
  const result = await install(runtime);
  if (result.ok && isInstalled(runtime)) {
    console.log(`   installed in ${seconds(performance.now() - t0)}`);
  } else {
    runtime.failed = result.ok
      ? `the install finished but ${shown(runtime.bin)} is missing or not ${runtime.version}`
      : result.detail;
  }
}

// What each runtime says its version is: also proves the binary starts on this machine.
for (const runtime of runtimes.filter((r) => !r.failed)) {
  const result = await runProcess(runtime.bin, ['--version'], { timeoutMs: 15_000 });
  if (result.code === 0) {
    const version = result.stdout.trim().split('\n')[0];
    runtime.reported = version.startsWith(runtime.name) ? version : `${runtime.name} ${version}`;
  } else {
    runtime.failed = `\`${shown(runtime.bin)} --version\` ${describeExit(result)}${tail(result.stderr || result.stdout)}`;
  }
}

for (const runtime of runtimes.filter((r) => r.failed)) {
  console.log(`\n== ${runtime.name}: FAIL ${runtime.failed}`);
  outcomes.push({ name: runtime.name, status: 'fail', detail: runtime.failed, ms: 0 });
}

if (options['install-only']) {
  console.log('\ninstalled:');
  for (const runtime of runtimes.filter((r) => !r.failed)) console.log(`  ${runtime.reported} (${shown(runtime.bin)})`);
  process.exit(outcomes.some((o) => o.status === 'fail') ? 1 : 0);
}

// The built package must be there.
const { sandboxModule, missing } = await loadSandbox();
for (const runtime of runtimes.filter((r) => !r.failed)) {
  for (const moduleKey of runtime.modules) {
    const module = MODULES[moduleKey];
    const name = `${runtime.name} ${module.label}`;
    console.log(`\n== ${name} (${runtime.reported})`);
    const t0 = performance.now();
    let verdict;
    if (missing) verdict = { ok: false, detail: missing };
    else if (!existsSync(module.file))
      verdict = { ok: false, detail: `${shown(module.file)} is missing: run \`npm run build\` first` };
    else
      verdict = await runOne(runtime, module, name, sandboxModule).catch((error) => ({
        ok: false,
        detail: `the runner failed: ${error.stack ?? error}`,
      }));
    const ms = performance.now() - t0;
    console.log(`   ${verdict.ok ? 'PASS' : 'FAIL'} ${name} in ${seconds(ms)}${verdict.ok ? '' : `: ${verdict.detail}`}`);
    outcomes.push({ name, status: verdict.ok ? 'pass' : 'fail', detail: verdict.detail, ms });
  }
}

finish();

// ---------------------------------------------------------------------------------------------
// One run

/** Fresh sandbox, inject the 503, run the runtime, then check what the sandbox saw. */
async function runOne(runtime, module, name, { startSandbox }) {
  const sandbox = await startSandbox({ port: 0 });
  try {
    sandbox.mielto.failNext({ status: 503, retryAfterMs: 0 });
    const run =
      runtime.name === 'workerd' ? await runWorkerd(runtime, module, sandbox) : await runScript(runtime, module, name, sandbox);
    if (!run.ok) return run;
    const seen = sandbox.mielto.requests.map((request) => [request.outcome, request.workspaceId]);
    if (JSON.stringify(seen) !== JSON.stringify(EXPECTED_REQUESTS)) {
      return { ok: false, detail: `the sandbox saw ${JSON.stringify(seen)}, expected ${JSON.stringify(EXPECTED_REQUESTS)}` };
    }
    console.log(`   ok   the sandbox saw ${seen.map(([status, ws]) => `${status} ${ws}`).join(', ')}`);
    return { ok: true, detail: run.detail };
  } finally {
    await sandbox.close();
  }
}

/** Bun and Deno: `smoke.mjs` with the module's file URL and the sandbox. */
async function runScript(runtime, module, name, sandbox) {
  const config = JSON.stringify({
    moduleUrl: pathToFileURL(module.file).href,
    baseUrl: sandbox.url,
    apiKey: sandbox.apiKey,
    label: name,
  });
  const script = join(HERE, 'smoke.mjs');
  const quiet = { NO_COLOR: '1' };
  let args;
  let env;
  if (runtime.name === 'bun') {
    // --no-install: never auto-install from the registry (openapi-fetch comes from node_modules).
    args = ['--no-install', script, config];
    env = { ...process.env, ...quiet, DO_NOT_TRACK: '1', BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' };
  } else {
    // Only loopback and reading the repository (and the bundle) are allowed; never a prompt, a
    // lock file or a remote module. The repository's package.json and node_modules resolve
    // dist/index.js's bare `openapi-fetch` import.
    const readable = [...new Set([ROOT, dirname(module.file)])].join(',');
    args = [
      'run',
      '--no-prompt',
      '--no-lock',
      '--no-remote',
      '--allow-net=127.0.0.1',
      `--allow-read=${readable}`,
      script,
      config,
    ];
    env = { ...process.env, ...quiet, DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(runtime.prefix, 'deno-dir') };
  }
  const result = await runProcess(runtime.bin, args, { cwd: ROOT, env, timeoutMs: TIMEOUT_MS, prefix: '   ' });
  const counts = /^MEMWIRE-SMOKE (\{.*\})$/m.exec(result.stdout);
  const summary = counts ? JSON.parse(counts[1]) : undefined;
  if (result.code === 0 && summary && summary.failed === 0) return { ok: true, detail: `${summary.passed} checks` };
  return {
    ok: false,
    detail: `${runtime.name} ${describeExit(result)}${summary ? ` (${summary.passed} passed, ${summary.failed} failed)` : ''}`,
  };
}

/**
 * workerd: a Worker made of worker.mjs, checks.mjs and the bundle as is, with the sandbox's URL and
 * key as bindings and a global outbound that may reach 127.0.0.1 only. Listens on a port workerd
 * picks (reported on --control-fd), and is fetched once at /run.
 */
async function runWorkerd(runtime, module, sandbox) {
  const dir = await mkdtemp(join(tmpdir(), 'memwire-workerd-'));
  try {
    await copyFile(join(HERE, 'worker.mjs'), join(dir, 'worker.mjs'));
    await copyFile(join(HERE, 'checks.mjs'), join(dir, 'checks.mjs'));
    await copyFile(module.file, join(dir, 'memwire.min.js'));
    await writeFile(join(dir, 'config.capnp'), workerdConfig(sandbox));

    const deadline = Date.now() + TIMEOUT_MS;
    const child = spawn(runtime.bin, ['serve', join(dir, 'config.capnp'), '--control-fd=3'], {
      cwd: dir,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    const output = collect(child, '   ');
    const exited = new Promise((done) => child.once('close', (code, signal) => done({ code, signal })));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    try {
      const port = await Promise.race([
        listenPort(child.stdio[3]),
        exited.then((exit) => {
          throw new Error(`workerd ${describeExit(exit)} before listening${tail(output.stderr)}`);
        }),
        sleep(TIMEOUT_MS).then(() => {
          throw new Error(`workerd did not listen within ${timeoutSeconds} s`);
        }),
      ]);
      console.log(`   workerd listening on 127.0.0.1:${port}; GET /run`);
      const response = await fetch(`http://127.0.0.1:${port}/run`, {
        signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
      });
      const text = await response.text();
      let body;
      try {
        body = JSON.parse(text);
      } catch {
        return {
          ok: false,
          detail: `GET /run answered ${response.status} with no JSON: ${text.slice(0, 300)}${tail(output.stderr)}`,
        };
      }
      const counts = report(body.results ?? [], (line) => console.log(`   ${line}`));
      const ok = response.status === 200 && counts.failed === 0 && counts.passed > 0;
      return ok
        ? { ok: true, detail: `${counts.passed} checks` }
        : {
            ok: false,
            detail: `GET /run answered ${response.status} (${counts.passed} passed, ${counts.failed} failed)${tail(output.stderr)}`,
          };
    } catch (error) {
      return {
        ok: false,
        detail: error.name === 'TimeoutError' ? `GET /run got no answer within ${timeoutSeconds} s` : error.message,
      };
    } finally {
      clearTimeout(timer);
      await stop(child, exited);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function workerdConfig(sandbox) {
  const text = (value) => JSON.stringify(String(value));
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .smokeWorker),
    # fetch() from the Worker may reach 127.0.0.1 and nothing else.
    (name = "loopback", network = (allow = ["127.0.0.1/32"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);

const smokeWorker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "checks.mjs", esModule = embed "checks.mjs"),
    (name = "memwire.min.js", esModule = embed "memwire.min.js"),
  ],
  compatibilityDate = "2025-09-01",
  globalOutbound = "loopback",
  bindings = [
    (name = "SANDBOX_URL", text = ${text(sandbox.url)}),
    (name = "SANDBOX_KEY", text = ${text(sandbox.apiKey)}),
  ],
);
`;
}

/** Resolves with the port of the socket named "http" from workerd's control messages. */
function listenPort(stream) {
  return new Promise((resolvePort, reject) => {
    let buffer = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      buffer += chunk;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        try {
          const message = JSON.parse(line);
          if (message.event === 'listen' && message.socket === 'http') resolvePort(message.port);
        } catch {
          // not a control message we know
        }
      }
    });
    stream.on('error', reject);
  });
}

// ---------------------------------------------------------------------------------------------
// Install

function isInstalled(runtime) {
  const manifest = join(runtime.prefix, 'node_modules', runtime.platformPackage, 'package.json');
  try {
    return JSON.parse(readFileSync(manifest, 'utf8')).version === runtime.version && existsSync(runtime.bin);
  } catch {
    return false;
  }
}

/**
 * `npm install --prefix .install/<name> --no-save --ignore-scripts <pkg>@<version>`: npm picks the
 * platform package from the wrapper's optional dependencies; no install script runs.
 */
async function install(runtime) {
  await rm(runtime.prefix, { recursive: true, force: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const args = [
    'install',
    '--prefix',
    runtime.prefix,
    '--no-save',
    '--no-audit',
    '--no-fund',
    '--ignore-scripts',
    '--no-update-notifier',
    `${runtime.package}@${runtime.version}`,
    ...runtime.extraPackages,
  ];
  console.log(`   ${npm} ${args.map((arg) => (arg === runtime.prefix ? shown(arg) : arg)).join(' ')}`);
  const result = await runProcess(npm, args, { cwd: ROOT, env: npmEnv(), timeoutMs: INSTALL_TIMEOUT_MS, prefix: '   ' });
  return result.code === 0
    ? { ok: true }
    : { ok: false, detail: `npm install ${runtime.package}@${runtime.version} ${describeExit(result)}${tail(result.stderr)}` };
}

/** The environment without what `npm run` sets for this project (its prefix, its package). */
function npmEnv() {
  const drop =
    /^npm_(?!config_)|^npm_config_(local_prefix|prefix|global_prefix|global|location|workspaces?|include_workspace_root|dry_run|save.*|package_lock.*)$/i;
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !drop.test(key)));
}

// ---------------------------------------------------------------------------------------------
// Helpers

async function loadSandbox() {
  const file = join(DIST, 'sandbox.js');
  if (!existsSync(file)) return { missing: `${shown(file)} is missing: run \`npm run build\` first` };
  if (!existsSync(join(DIST, 'index.js')))
    return { missing: `${shown(join(DIST, 'index.js'))} is missing: run \`npm run build\` first` };
  try {
    return { sandboxModule: await import(pathToFileURL(file).href) };
  } catch (error) {
    return { missing: `${shown(file)} could not be imported: ${error.message}` };
  }
}

/** A path as printed: relative to the repository when inside it. */
function shown(path) {
  const inside = relative(ROOT, path);
  return inside.startsWith('..') ? path : inside;
}

function cpuHasAvx2() {
  try {
    return /\bavx2\b/.test(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    return true;
  }
}

function platformKey() {
  const base = `${process.platform}-${process.arch}`;
  if (process.platform !== 'linux') return base;
  const glibc = process.report?.getReport()?.header?.glibcVersionRuntime;
  return `${base}-${glibc ? 'glibc' : 'musl'}`;
}

/**
 * Runs a process to its end or until timeoutMs (then SIGKILL). Echoes its output with `prefix`
 * when given. Never rejects.
 */
function runProcess(command, args, { cwd = ROOT, env = process.env, timeoutMs, prefix } = {}) {
  return new Promise((done) => {
    let child;
    try {
      child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      done({ code: null, signal: null, error, stdout: '', stderr: '' });
      return;
    }
    const output = collect(child, prefix);
    let timedOut = false;
    let error;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (e) => (error = e));
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, timedOut, timeoutMs, error, stdout: output.stdout, stderr: output.stderr });
    });
  });
}

/** Collects a child's stdout and stderr; echoes each line with `prefix` when given. */
function collect(child, prefix) {
  const output = { stdout: '', stderr: '' };
  for (const stream of ['stdout', 'stderr']) {
    let partial = '';
    child[stream].setEncoding('utf8');
    child[stream].on('data', (chunk) => {
      output[stream] += chunk;
      if (prefix === undefined) return;
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      for (const line of lines) if (!line.startsWith('MEMWIRE-SMOKE ')) console.log(`${prefix}${line}`);
    });
    child[stream].on('end', () => {
      if (prefix !== undefined && partial) console.log(`${prefix}${partial}`);
    });
  }
  return output;
}

async function stop(child, exited) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(kill);
}

function describeExit({ code, signal, timedOut, timeoutMs, error }) {
  if (error) return `could not start: ${error.code ?? ''} ${error.message}`.trim();
  if (timedOut) return `was killed after ${timeoutMs / 1000} s`;
  if (signal) return `was killed by ${signal}`;
  return `exited with code ${code}`;
}

function tail(text, lines = 8) {
  const kept = String(text ?? '')
    .trim()
    .split('\n')
    .filter(Boolean)
    .slice(-lines);
  return kept.length > 0 ? `\n     ${kept.join('\n     ')}` : '';
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function sleep(ms) {
  return new Promise((done) => setTimeout(done, ms).unref());
}

function finish() {
  const passed = outcomes.filter((o) => o.status === 'pass').length;
  const failed = outcomes.filter((o) => o.status === 'fail').length;
  const skipped = outcomes.filter((o) => o.status === 'skip').length;
  console.log('\nsummary:');
  for (const runtime of runtimes.filter((r) => r.reported))
    console.log(`  ${runtime.name}: ${runtime.reported} (npm ${runtime.package}@${runtime.version})`);
  for (const o of outcomes) {
    const detail = o.status === 'pass' ? o.detail : o.detail.split('\n')[0];
    console.log(
      `  ${o.status.toUpperCase().padEnd(4)} ${o.name.padEnd(36)} ${o.ms ? seconds(o.ms).padStart(7) : '       '}  ${detail}`,
    );
  }
  console.log(`  total ${seconds(performance.now() - started)}`);
  console.log(`runtimes: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed > 0 ? 1 : 0);
}
