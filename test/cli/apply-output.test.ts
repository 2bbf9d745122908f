// What `memwire apply` prints: progress lines, outcome lines and the summary, as pure functions.
import { describe, expect, it, vi } from 'vitest';
import { parseApplyArgs } from '../../src/cli/apply/args.js';
import { jsonLine, readableLine, Tally } from '../../src/cli/apply/line-outcome.js';
import { parseLine } from '../../src/cli/apply/parse-line.js';
import { barLine, plainLine, Progress } from '../../src/cli/apply/progress.js';
import { summary } from '../../src/cli/apply/summary.js';
import { NotFoundError } from '../../src/index.js';

function tally(counts: Partial<Pick<Tally, 'updated' | 'failed' | 'unknown' | 'skipped'>>): Tally {
  return Object.assign(new Tally(), counts);
}

describe('progress', () => {
  it('draws a bar with the count, share, rate and time left', () => {
    expect(barLine({ done: 150, total: 300, elapsedMs: 6250 })).toBe('[████████████░░░░░░░░░░░░] 150/300  50%  24/s  ETA 7 s');
    expect(barLine({ done: 0, total: 300, elapsedMs: 0 })).toBe('[░░░░░░░░░░░░░░░░░░░░░░░░] 0/300  0%  0/s');
    expect(barLine({ done: 10, total: undefined, elapsedMs: 1000 })).toBe('10 lines  10/s');
    expect(barLine({ done: 0, total: 0, elapsedMs: 5 })).toBe('[████████████████████████] 0/0  100%  0/s');
  });

  it('writes a plain line for a log', () => {
    expect(plainLine({ done: 150, total: 300, elapsedMs: 6250 })).toBe(
      'memwire apply: 150 of 300 lines (50%), 24/s, about 7 s left',
    );
    expect(plainLine({ done: 150, total: undefined, elapsedMs: 6250 })).toBe('memwire apply: 150 lines, 24/s');
  });

  it('redraws in place on a terminal and clears the bar before a message', () => {
    const written: string[] = [];
    let now = 0;
    const counts = tally({ updated: 3 });
    const progress = new Progress({ write: (text) => written.push(text), isTTY: true, now: () => now }, counts, 6);
    now = 1000;
    progress.draw();
    progress.clear();
    progress.clear();
    progress.stop();
    expect(written).toEqual(['\r\x1b[K[████████████░░░░░░░░░░░░] 3/6  50%  3/s  ETA 1 s', '\r\x1b[K']);
    const plain: string[] = [];
    const log = new Progress({ write: (text) => plain.push(text), isTTY: false, now: () => now }, counts, 6);
    now = 2000;
    log.draw();
    log.clear();
    log.stop();
    expect(plain).toEqual(['memwire apply: 3 of 6 lines (50%), 3/s, about 1 s left\n']);
  });

  it('draws by itself every 200 ms on a terminal and every 10 s in a log, until stopped', () => {
    vi.useFakeTimers();
    try {
      const [bars, lines]: [string[], string[]] = [[], []];
      const counts = tally({ updated: 1 });
      const bar = new Progress({ write: (text) => bars.push(text), isTTY: true, now: () => 1000 }, counts, 2);
      const log = new Progress({ write: (text) => lines.push(text), isTTY: false, now: () => 1000 }, counts, 2);
      vi.advanceTimersByTime(10_000);
      expect([bars.length, lines.length]).toEqual([50, 1]);
      bar.stop();
      log.stop();
      vi.advanceTimersByTime(60_000);
      expect([bars.length, lines.length]).toEqual([51, 1]); // the bar's last, cleared by stop
      expect(bars.at(-1)).toBe('\r\x1b[K');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('outcome lines', () => {
  const apiError = (applied: 'no' | 'unknown') =>
    Object.assign(
      new NotFoundError({
        message: 'Mielto memories.update failed with 404',
        status: 404,
        headers: new Headers(),
        body: undefined,
        attempts: 1,
      }),
      { applied },
    );
  const notFound = apiError('no');

  it('writes JSON with the result, the error as tools give it, or the earlier status', () => {
    expect(JSON.parse(jsonLine({ line: 3, operation: 'mielto_update_memory', status: 'updated', result: { ok: 1 } }))).toEqual({
      line: 3,
      operation: 'mielto_update_memory',
      status: 'updated',
      result: { ok: 1 },
    });
    expect(JSON.parse(jsonLine({ line: 4, operation: 'x', status: 'skipped', previous: 'unknown' }))).toEqual({
      line: 4,
      operation: 'x',
      status: 'skipped',
      previous: 'unknown',
    });
    expect(JSON.parse(jsonLine({ line: 5, operation: 'x', status: 'failed', error: notFound }))).toMatchObject({
      status: 'failed',
      error: { type: 'NotFoundError', applied: 'no' },
    });
  });

  it('writes a sentence only for a line that did not go through', () => {
    expect(readableLine({ line: 3, operation: 'x', status: 'updated' })).toBeUndefined();
    expect(readableLine({ line: 3, operation: 'x', status: 'skipped', previous: 'updated' })).toBeUndefined();
    expect(readableLine({ line: 5, operation: 'mielto_update_memory', status: 'failed', error: notFound })).toMatch(
      /^line 5 \(mielto_update_memory\): failed: /,
    );
    const unknown = apiError('unknown');
    expect(readableLine({ line: 6, operation: '', status: 'unknown', error: unknown })).toMatch(
      /^line 6: unknown \(may have been applied; not sent again\): .*check the memory before repeating it\.$/,
    );
  });

  it.each([
    ['not json', 'not JSON (unexpected "o")'],
    ['é', 'not JSON (unexpected "é")'],
    ['{"operation":', 'not JSON (it ends too soon)'],
    ['{"operation" 1}', 'not JSON (at character 14)'],
    ['[1,2', 'not JSON (at character 5)'],
  ])('says where a line is not JSON: %s', (text, problem) => {
    expect(parseLine(text)).toEqual({ problem });
  });

  it('reads a line of JSON as the update it holds, whatever it is', () => {
    expect(parseLine('{"operation":"x","input":{}}')).toEqual({ update: { operation: 'x', input: {} } });
    expect(parseLine('null')).toEqual({ update: null });
  });

  it('writes JSON for a failure that still has a result (a hook failed after a 2xx)', () => {
    const withResult = JSON.parse(
      jsonLine({ line: 7, operation: 'x', status: 'updated', result: { id: 'v2' }, error: notFound }),
    ) as object;
    expect(withResult).toMatchObject({ result: { id: 'v2' }, error: { type: 'NotFoundError' } });
    expect(JSON.parse(jsonLine({ line: 8, operation: 'x', status: 'failed', error: notFound }))).not.toHaveProperty('result');
  });

  it('never quotes the text of a line that is not JSON', () => {
    for (const text of ['{"memory":"my secret diary",', 'my secret diary', '{"a":1} my secret diary']) {
      const parsed = parseLine(text);
      expect(parsed).toMatchObject({ problem: expect.stringMatching(/^not JSON/) as unknown });
      expect(JSON.stringify(parsed)).not.toContain('secret');
    }
  });
});

describe('summary', () => {
  it('counts the lines and says what to do about those that did not go through', () => {
    expect(
      summary({
        tally: tally({ updated: 298, failed: 1, unknown: 1 }),
        total: 300,
        elapsedMs: 2100,
        interrupted: false,
        journal: 'run.journal',
      }),
    ).toEqual([
      'memwire apply: 300 lines in 2.1 s: 298 updated, 1 failed, 1 unknown, 0 skipped',
      '  1 failed: not applied; fix them and run again with --journal run.journal (the lines already updated are skipped)',
      '  1 unknown: may have been applied and were not sent again; check those memories, then run again with --journal run.journal --retry-unknown to send them again',
    ]);
    expect(summary({ tally: tally({ updated: 10 }), total: 30, elapsedMs: 500, interrupted: true, journal: undefined })).toEqual([
      'memwire apply: 30 lines in 0.5 s: 10 updated, 0 failed, 0 unknown, 0 skipped, 20 not started',
      '  interrupted: the rest was not started',
    ]);
  });

  it('without a journal, says to keep one; from standard input, counts what was read', () => {
    expect(
      summary({
        tally: tally({ failed: 1, unknown: 2, skipped: 3 }),
        total: undefined,
        elapsedMs: 0,
        interrupted: true,
        journal: undefined,
      }),
    ).toEqual([
      'memwire apply: 6 lines in 0.0 s: 0 updated, 1 failed, 2 unknown, 3 skipped',
      '  1 failed: not applied; fix them and send them again',
      '  2 unknown: may have been applied and were not sent again; check those memories',
      '  interrupted: the rest was not started',
    ]);
    expect(summary({ tally: tally({ updated: 1 }), total: 3, elapsedMs: 0, interrupted: true, journal: 'j' })).toEqual([
      'memwire apply: 3 lines in 0.0 s: 1 updated, 0 failed, 0 unknown, 0 skipped, 2 not started',
      '  interrupted: run again with --journal j to go on with the rest',
    ]);
    expect(summary({ tally: tally({ updated: 3 }), total: 3, elapsedMs: 0, interrupted: false, journal: undefined })).toEqual([
      'memwire apply: 3 lines in 0.0 s: 3 updated, 0 failed, 0 unknown, 0 skipped',
    ]);
  });

  it('tallies each outcome by its status', () => {
    const counted = new Tally();
    for (const status of ['updated', 'failed', 'unknown', 'skipped', 'skipped'] as const)
      counted.add({ line: 1, operation: 'x', status });
    expect([counted.updated, counted.failed, counted.unknown, counted.skipped, counted.done]).toEqual([1, 1, 1, 2, 5]);
  });
});

describe('parseApplyArgs', () => {
  it('reads the flags, with the default concurrency', () => {
    expect(parseApplyArgs(['f.jsonl', '--json', '--journal', 'j', '--retry-unknown', '--concurrency', '8'])).toEqual({
      file: 'f.jsonl',
      dryRun: false,
      journal: 'j',
      retryUnknown: true,
      json: true,
      concurrency: 8,
      sandbox: false,
    });
    expect(parseApplyArgs(['-'])).toMatchObject({ file: '-', concurrency: 4 });
    expect(parseApplyArgs(['-h'])).toBe('help');
    expect(parseApplyArgs(['a', 'b'])).toEqual({ problem: 'one FILE only, got 2' });
    expect(parseApplyArgs(['a', '--dry-run', '--journal', 'j'])).toEqual({
      problem: '--dry-run sends nothing, so it writes no journal: leave out --journal',
    });
  });

  it('leaves every flag off by default', () => {
    expect(parseApplyArgs(['f'])).toEqual({
      file: 'f',
      dryRun: false,
      journal: undefined,
      retryUnknown: false,
      json: false,
      concurrency: 4,
      sandbox: false,
    });
    expect(parseApplyArgs(['f', '--dry-run', '--sandbox', '--concurrency', '1'])).toMatchObject({
      dryRun: true,
      sandbox: true,
      concurrency: 1,
    });
  });

  it.each([
    [[], 'no FILE given'],
    [['f', '--concurrency', '0'], '--concurrency takes a whole number of at least 1, got 0'],
    [['f', '--concurrency', '2.5'], '--concurrency takes a whole number of at least 1, got 2.5'],
    [['f', '--retry-unknown'], '--retry-unknown needs --journal: only a journal knows which lines were unknown'],
  ])('refuses %j: %s', (args, problem) => {
    expect(parseApplyArgs(args)).toEqual({ problem });
  });

  it("passes on Node's own word for an option it does not know", () => {
    expect(parseApplyArgs(['f', '--jsno'])).toEqual({ problem: expect.stringContaining("Unknown option '--jsno'") as unknown });
  });
});
