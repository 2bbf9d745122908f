// `memwire apply` as a real child process against a sandbox of this test's (real HTTP), which
// injects the faults and counts what arrived.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/clock.js';
import type { Sandbox } from '../../src/sandbox/serve.js';
import { useSandboxes } from '../sandbox/use-sandboxes.js';
import { cliEnv, runMemwire, startMemwire } from './cli-process.js';

const startSandbox = useSandboxes();
let folder: string | undefined;
afterEach(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

/** Writes `lines` (objects as JSON, strings as they are) to a new JSON Lines file. */
async function jsonLines(lines: readonly unknown[], name = 'updates.jsonl'): Promise<string> {
  folder ??= await mkdtemp(join(tmpdir(), 'memwire-apply-'));
  const path = join(folder, name);
  await writeFile(path, lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n');
  return path;
}

/** The variables that point all four providers at `sandbox`. */
const sandboxVariables = (sandbox: Sandbox) =>
  cliEnv({
    MIELTO_API_KEY: sandbox.apiKey,
    MIELTO_BASE_URL: sandbox.url,
    MIELTO_WORKSPACE_ID: 'ws_bulk',
    MEMORYLAYER_API_KEY: sandbox.apiKey,
    MEMORYLAYER_BASE_URL: sandbox.url,
    SUPERMEMORY_API_KEY: sandbox.apiKey,
    SUPERMEMORY_BASE_URL: sandbox.url,
    OPENSEARCH_URL: sandbox.url,
    OPENSEARCH_API_KEY: sandbox.apiKey,
  });

const range = (count: number) => Array.from({ length: count }, (_, i) => i);
const supermemoryLine = (i: number) => ({
  operation: 'supermemory_update_memory',
  input: { containerTag: 'user_bulk', id: `sm_${i}`, newContent: `note ${i}, corrected` },
});

function seedSupermemory(sandbox: Sandbox, count: number) {
  sandbox.supermemory.seed(range(count).map((i) => ({ containerTag: 'user_bulk', id: `sm_${i}`, memory: `note ${i}` })));
}

/** How many versions each seeded Supermemory memory has now (1: untouched, 2: updated once). */
function versionsBySeed(sandbox: Sandbox): Map<string, number> {
  const counts = new Map<string, number>();
  for (const version of sandbox.supermemory.versions('user_bulk')) {
    const root = version.rootMemoryId ?? version.id;
    counts.set(root, (counts.get(root) ?? 0) + 1);
  }
  return counts;
}

interface JsonOutcome {
  line: number;
  operation: string;
  status: string;
  previous?: string;
  error?: { type: string; message: string; applied: string };
}
const outcomes = (stdout: string): JsonOutcome[] =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as JsonOutcome);
/** The outcomes by status (Object.groupBy is Node 21's). */
function byStatus(list: readonly JsonOutcome[]): Partial<Record<string, JsonOutcome[]>> {
  const groups: Partial<Record<string, JsonOutcome[]>> = {};
  for (const outcome of list) (groups[outcome.status] ??= []).push(outcome);
  return groups;
}

describe('memwire apply --dry-run', () => {
  it('prints each problem with its line number, exits 1, and sends nothing', async () => {
    const sandbox = await startSandbox();
    const file = await jsonLines([
      { operation: 'mielto_update_memory', input: { memory_id: 'mem_1', memory: 'fine' } },
      '{"operation": "mielto_update_memory", "input": {',
      { operation: 'mielto_updat_memory', input: { memory_id: 'mem_1', memory: 'x' } },
      { operation: 'memorylayer_update_memory', input: { id: 'mem_1', contnet: 'x' } },
      '',
      { operation: 'supermemory_update_memory', input: { id: 'mem_1', newContent: 'x' } },
      ['not', 'an', 'update'],
      supermemoryLine(1),
    ]);
    const { code, stdout, stderr } = await runMemwire(['apply', '--dry-run', file], sandboxVariables(sandbox));
    expect(stdout.trim().split('\n')).toEqual([
      // V8's wording says where, which differs between Node versions.
      expect.stringMatching(/^line 2: the line is not JSON \(/),
      'line 3: `mielto_updat_memory` is not an operation of memwire; did you mean `mielto_update_memory`?',
      'line 4: `contnet` is not a field of memorylayer_update_memory; did you mean `content`?',
      'line 6: `containerTag` is required by supermemory_update_memory.',
      'line 7: An update is an object { operation, input }, got an array.',
    ]);
    expect(stderr).toContain('memwire apply --dry-run: 7 lines checked: 2 ready, 5 with problems; nothing was sent');
    expect(code).toBe(1);
    for (const fake of [sandbox.mielto, sandbox.memoryLayer, sandbox.supermemory, sandbox.openSearch])
      expect(fake.requests).toHaveLength(0);
  });

  it('prints the problems as JSON, notes the providers the environment lacks, and exits 0 for a clean file', async () => {
    const file = await jsonLines([
      { operation: 'mielto_update_memory', input: { memory_id: 'mem_1', memroy: 'x' } },
      supermemoryLine(1),
    ]);
    const refused = await runMemwire(['apply', '--dry-run', '--json', file]);
    expect(outcomes(refused.stdout)).toEqual([
      { line: 1, problems: ['`memroy` is not a field of mielto_update_memory; did you mean `memory`?'] },
    ]);
    expect(refused.stderr).toContain(
      'a run would fail the lines of providers the environment does not configure: Supermemory (1 line)',
    );
    const clean = await runMemwire(['apply', '--dry-run', await jsonLines([supermemoryLine(1)], 'clean.jsonl')]);
    expect(clean.code).toBe(0);
  });
});

describe('memwire apply', () => {
  it('gives each of a few hundred mixed lines one outcome through 503s and a dropped Supermemory write, sending nothing twice', async () => {
    const sandbox = await startSandbox();
    sandbox.mielto.seed(
      range(100).map((i) => ({ workspaceId: 'ws_bulk', memory_id: `mi_${i}`, user_id: 'u', memory: `note ${i}` })),
    );
    sandbox.memoryLayer.seed(range(100).map((i) => ({ id: `ml_${i}`, layerId: 'layer_bulk', content: `note ${i}` })));
    seedSupermemory(sandbox, 100);
    // Each fake answers 30 requests first, so that the client has seen what the service accepts.
    sandbox.mielto.delayNext({ ms: 0, times: 30 });
    sandbox.mielto.failNext({ status: 503, retryAfter: 0, times: 2 });
    sandbox.memoryLayer.delayNext({ ms: 0, times: 30 });
    sandbox.memoryLayer.failNext({ status: 429, retryAfterMs: 1 });
    sandbox.supermemory.delayNext({ ms: 0, times: 30 });
    sandbox.supermemory.failNext({ status: 503, retryAfter: 0 });
    sandbox.supermemory.delayNext({ ms: 0, times: 10 });
    sandbox.supermemory.dropNext({ applied: true });

    const good = range(100).flatMap((i) => [
      { operation: 'mielto_update_memory', input: { memory_id: `mi_${i}`, memory: `note ${i}, corrected` } },
      { operation: 'memorylayer_update_memory', input: { id: `ml_${i}`, content: `note ${i}, corrected` } },
      supermemoryLine(i),
    ]);
    const bad = [
      { operation: 'mielto_update_memory', input: { memory_id: 'mi_1', memroy: 'typo' } },
      '{"operation":',
      { operation: 'mielto_update_memory', input: { memory_id: 'mi_missing', memory: 'x' } },
      { operation: 'no_such_operation', input: {} },
      { operation: 'supermemory_update_memory', input: { containerTag: 'user_bulk', id: 'sm_1' } },
    ];
    const lines = [...good.slice(0, 150), ...bad, ...good.slice(150)];
    const file = await jsonLines(lines);
    const { code, stdout, stderr } = await runMemwire(['apply', '--json', file], sandboxVariables(sandbox));

    const seen = outcomes(stdout);
    expect(seen.map((outcome) => outcome.line).sort((a, b) => a - b)).toEqual(range(305).map((i) => i + 1));
    const { updated = [], failed = [], unknown = [] } = byStatus(seen);
    expect([updated.length, failed.length, unknown.length]).toEqual([299, 5, 1]);
    expect(failed.map((outcome) => outcome.line).sort((a, b) => a - b)).toEqual([151, 152, 153, 154, 155]);
    expect(failed.find((outcome) => outcome.line === 153)?.error).toMatchObject({ type: 'NotFoundError', applied: 'no' });

    // The dropped write: unknown, sent once, applied once.
    const [lost] = unknown;
    expect(lost).toMatchObject({
      operation: 'supermemory_update_memory',
      error: { type: 'ConnectionError', applied: 'unknown' },
    });
    const lostId = (lines[lost!.line - 1] as { input: { id: string } }).input.id;
    expect(sandbox.supermemory.requests.filter((request) => (request.body as { id?: string }).id === lostId)).toHaveLength(1);
    // Every Supermemory update made exactly one version; only the 503 asking for a wait was sent again.
    expect([...versionsBySeed(sandbox).values()]).toEqual(Array(100).fill(2));
    expect(sandbox.supermemory.requests).toHaveLength(101);
    expect(sandbox.mielto.get('mi_99', 'ws_bulk')?.memory).toBe('note 99, corrected');

    expect(stderr).toMatch(/memwire apply: 305 lines in [\d.]+ s: 299 updated, 5 failed, 1 unknown, 0 skipped/);
    expect(stderr).not.toContain(sandbox.apiKey);
    expect(stdout).not.toContain(sandbox.apiKey);
    expect(code).toBe(1);
  }, 60_000);

  it('reads standard input for -, prints a readable line per failure, and exits 0 when every line went through', async () => {
    const sandbox = await startSandbox();
    seedSupermemory(sandbox, 2);
    const input = `${JSON.stringify(supermemoryLine(0))}\n${JSON.stringify(supermemoryLine(1))}\n`;
    const clean = await runMemwire(['apply', '-'], sandboxVariables(sandbox), input);
    expect(clean).toMatchObject({ code: 0, stdout: '' });
    expect(clean.stderr).toMatch(/memwire apply: 2 lines in [\d.]+ s: 2 updated, 0 failed, 0 unknown, 0 skipped/);

    sandbox.supermemory.failNext({ status: 404 });
    const refused = await runMemwire(['apply', '-'], sandboxVariables(sandbox), `${JSON.stringify(supermemoryLine(5))}\n`);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^line 1 \(supermemory_update_memory\): failed: .*404/);
  });

  it('fails a line for a provider the environment does not configure, naming its variables, and sends it nowhere', async () => {
    const sandbox = await startSandbox();
    seedSupermemory(sandbox, 1);
    const env = cliEnv({ SUPERMEMORY_API_KEY: sandbox.apiKey, SUPERMEMORY_BASE_URL: sandbox.url });
    const file = await jsonLines([
      supermemoryLine(0),
      { operation: 'memorylayer_update_memory', input: { id: 'ml_1', content: 'x' } },
      { operation: 'memorylayer_update_memory', input: { id: 'ml_1', contnet: 'x' } },
    ]);
    const { code, stdout } = await runMemwire(['apply', '--json', file], env);
    const { updated = [], failed = [] } = byStatus(outcomes(stdout));
    expect(updated.map((outcome) => outcome.line)).toEqual([1]);
    expect(failed.sort((a, b) => a.line - b.line).map((outcome) => [outcome.line, outcome.operation, outcome.error])).toEqual([
      [
        2,
        'memorylayer_update_memory',
        {
          type: 'InvalidArgumentError',
          message:
            'memorylayer_update_memory needs MemoryLayer, which the environment does not configure: set MEMORYLAYER_API_KEY (optional: MEMORYLAYER_BASE_URL). Nothing was sent.',
          applied: 'no',
        },
      ],
      // A line refused for its own input says so first.
      [3, 'memorylayer_update_memory', expect.objectContaining({ message: expect.stringContaining('`contnet`') as unknown })],
    ]);
    expect(stdout).not.toContain('applyUpdates');
    expect(sandbox.memoryLayer.requests).toHaveLength(0);
    expect(code).toBe(1);
  });

  it("applies the repository's example file to the embedded sandbox with --sandbox, and exits 0", async () => {
    const { code, stderr } = await runMemwire(['apply', '--sandbox', 'examples/updates.jsonl']);
    expect(stderr).toMatch(/memwire apply: 5 lines in [\d.]+ s: 5 updated, 0 failed, 0 unknown, 0 skipped/);
    expect(code).toBe(0);
  });

  it('exits 2 for a usage error, naming it, and sends nothing', async () => {
    const sandbox = await startSandbox();
    const env = sandboxVariables(sandbox);
    const file = await jsonLines([supermemoryLine(0)]);
    const cases: [string[], string][] = [
      [['apply'], 'no FILE given'],
      [['apply', file, '--concurrency', 'many'], '--concurrency takes a whole number of at least 1, got many'],
      [['apply', file, '--retry-unknown'], '--retry-unknown needs --journal'],
      [['apply', file, '--jsno'], "Unknown option '--jsno'"],
      [['apply', join(folder!, 'missing.jsonl')], 'no such file'],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await runMemwire(args, env);
      expect([code, stderr]).toEqual([2, expect.stringContaining(message)]);
    }
    const unconfigured = await runMemwire(['apply', file]);
    expect([unconfigured.code, unconfigured.stderr]).toEqual([2, expect.stringContaining('no provider is configured')]);
    expect(sandbox.supermemory.requests).toHaveLength(0);
  });
});

/**
 * A clock for the sandbox whose long waits (a `delayNext` of a second or more) are held until the
 * test releases them, while shorter ones run on real time: the test decides when the requests it
 * holds are answered, so that a run is interrupted at a point it knows.
 */
function holdingClock() {
  const held: (() => void)[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const clock: Clock = {
    now: () => Date.now(),
    setTimeout(callback, ms) {
      if (ms < 1000) return setTimeout(callback, ms);
      held.push(callback);
      for (const waiter of waiters.filter(({ count }) => held.length >= count)) waiter.resolve();
      return -held.length;
    },
    clearTimeout(handle) {
      if (typeof handle !== 'number' || handle >= 0) clearTimeout(handle as NodeJS.Timeout);
    },
  };
  return {
    clock,
    /** Resolves once `count` requests are held. */
    whenHeld: (count: number) => new Promise<void>((resolve) => waiters.push({ count, resolve })),
    release: () => held.splice(0).forEach((callback) => callback()),
  };
}

/**
 * `lines` Supermemory updates, run with a journal (and `--concurrency` when given) against a
 * sandbox that answers the first `answered` and holds as many as may be in flight (4 by default):
 * the run is interrupted at the point `whenHeld` resolves.
 */
async function interruptible(lines: number, answered: number, concurrency?: number) {
  const inFlight = concurrency ?? 4;
  const { clock, whenHeld, release } = holdingClock();
  const sandbox = await startSandbox({ clock });
  seedSupermemory(sandbox, lines);
  sandbox.supermemory.delayNext({ ms: 0, times: answered });
  sandbox.supermemory.delayNext({ ms: 1000, times: inFlight });
  const file = await jsonLines(range(lines).map(supermemoryLine));
  const journal = join(folder!, 'run.journal');
  const env = sandboxVariables(sandbox);
  const run = (...flags: string[]) => runMemwire(['apply', '--json', '--journal', journal, ...flags, file], env);
  const flags = concurrency === undefined ? [] : ['--concurrency', String(concurrency)];
  const first = startMemwire(['apply', '--json', '--journal', journal, ...flags, file], env);
  return { sandbox, journal, first, run, whenHeld: () => whenHeld(inFlight), release };
}

describe('memwire apply --journal', () => {
  it('stops starting lines on Ctrl-C, lets those in flight (--concurrency of them) end, and goes on from the journal with nothing applied twice', async () => {
    const { sandbox, journal, first, run, whenHeld, release } = await interruptible(60, 20, 3);
    await whenHeld(); // 20 answered, 3 in flight: a fourth would not be held, and would end more lines
    first.child.kill('SIGINT');
    await first.stderr.waitFor(/stopping: no new lines are started/);
    release();
    const stopped = await first.exited;
    expect(stopped.code).toBe(1);
    expect(byStatus(outcomes(stopped.stdout)).updated).toHaveLength(23);
    expect(stopped.stderr).toMatch(/60 lines in [\d.]+ s: 23 updated, 0 failed, 0 unknown, 0 skipped, 37 not started/);
    expect(stopped.stderr).toContain(`interrupted: run again with --journal ${journal} to go on with the rest`);

    const resumed = await run();
    const { updated = [], skipped = [] } = byStatus(outcomes(resumed.stdout));
    expect([updated.length, skipped.length]).toEqual([37, 23]);
    expect(skipped.every((outcome) => outcome.previous === 'updated')).toBe(true);
    expect(resumed.code).toBe(0);
    expect(sandbox.supermemory.requests).toHaveLength(60);
    expect([...versionsBySeed(sandbox).values()]).toEqual(Array(60).fill(2));
  }, 60_000);

  it('records the writes a second Ctrl-C aborts as unknown, skips them on the next run, and re-sends them only under --retry-unknown', async () => {
    const { sandbox, journal, first, run, whenHeld, release } = await interruptible(30, 10);
    await whenHeld();
    first.child.kill('SIGINT');
    await first.stderr.waitFor(/stopping/);
    first.child.kill('SIGINT');
    const aborted = await first.exited;
    const { updated = [], unknown = [] } = byStatus(outcomes(aborted.stdout));
    expect([updated.length, unknown.length]).toEqual([10, 4]);
    expect(unknown.every((outcome) => outcome.error?.applied === 'unknown')).toBe(true);
    expect(aborted.code).toBe(1);
    // The server got the four before the client gave up: they land now.
    release();
    await sandbox.supermemory.idle();
    expect(sandbox.supermemory.requests.filter((request) => request.outcome === 'pending')).toHaveLength(0);

    const resumed = await run();
    const after = byStatus(outcomes(resumed.stdout));
    expect([after.updated?.length, after.skipped?.length]).toEqual([16, 14]);
    expect(after.skipped?.filter((outcome) => outcome.previous === 'unknown')).toHaveLength(4);
    expect(resumed.code).toBe(0);
    expect([...versionsBySeed(sandbox).values()]).toEqual(Array(30).fill(2));
    expect(sandbox.supermemory.requests).toHaveLength(30);

    const retried = await run('--retry-unknown');
    const again = byStatus(outcomes(retried.stdout));
    expect(again.updated?.map((outcome) => outcome.line).sort()).toEqual(unknown.map((outcome) => outcome.line).sort());
    expect(sandbox.supermemory.requests).toHaveLength(34);
    const journalText = await readFile(journal, 'utf8');
    expect(
      journalText
        .trim()
        .split('\n')
        .every((record) => /^\{"line":\d+,"hash":"[0-9a-f]{8}","status":"\w+"\}$/.test(record)),
    ).toBe(true);
  }, 60_000);

  it('refuses a second run on a journal a run is using, sending nothing, and frees the journal when that run ends', async () => {
    const { sandbox, journal, first, run, whenHeld, release } = await interruptible(10, 2);
    await whenHeld();
    const second = await run();
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(
      /run\.journal is in use by another memwire apply \(process \d+\): run one at a time on a journal/,
    );
    expect(second.stdout).toBe('');
    expect(sandbox.supermemory.requests).toHaveLength(6); // the first run's: 2 answered, 4 held
    release();
    expect((await first.exited).code).toBe(0);
    expect(existsSync(`${journal}.lock`)).toBe(false);
    const third = await run();
    expect(third.code).toBe(0);
    expect(byStatus(outcomes(third.stdout)).skipped).toHaveLength(10);
    expect([...versionsBySeed(sandbox).values()]).toEqual(Array(10).fill(2));
  }, 60_000);

  it('refuses a journal that does not match the file, sending nothing', async () => {
    const sandbox = await startSandbox();
    seedSupermemory(sandbox, 2);
    const file = await jsonLines([supermemoryLine(0), supermemoryLine(1)]);
    const journal = join(folder!, 'run.journal');
    const env = sandboxVariables(sandbox);
    expect((await runMemwire(['apply', '--journal', journal, file], env)).code).toBe(0);
    await jsonLines([supermemoryLine(1), supermemoryLine(0)]);
    const changed = await runMemwire(['apply', '--journal', journal, file], env);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toContain('line 1 is not the line');
    expect(sandbox.supermemory.requests).toHaveLength(2);
  });
});
