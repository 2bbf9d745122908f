// The journal of `memwire apply`: what it reads back from a run that ended in any way.
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lockJournal } from '../../src/cli/apply/journal-lock.js';
import { JournalIndex, JournalWriter, lineHash, readJournal } from '../../src/cli/apply/journal.js';

let folder: string;
let path: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'memwire-journal-'));
  path = join(folder, 'run.journal');
});
afterEach(() => rm(folder, { recursive: true, force: true }));

const record = (line: number, status: string, text = `line ${line}`) => JSON.stringify({ line, hash: lineHash(text), status });

describe('readJournal', () => {
  it("reads each line's last record, a line still `started` as unknown", async () => {
    await writeFile(
      path,
      [record(1, 'started'), record(2, 'started'), record(1, 'updated'), record(3, 'started'), record(3, 'failed'), ''].join(
        '\n',
      ),
    );
    const index = await readJournal(path);
    expect([1, 2, 3, 4].map((line) => index.get(line)?.status)).toEqual(['updated', 'unknown', 'failed', undefined]);
    expect(index.get(1)?.hash).toBe(lineHash('line 1'));
  });

  it('passes over a record cut short, and refuses a file that is no journal', async () => {
    await writeFile(path, `${record(1, 'updated')}\n{"line":2,"ha\n${record(3, 'updated')}\n`);
    const index = await readJournal(path);
    expect([index.get(1)?.status, index.get(2), index.get(3)?.status]).toEqual(['updated', undefined, 'updated']);
    await writeFile(path, `${record(1, 'updated')}\nline,status\n`);
    await expect(readJournal(path)).rejects.toThrow(`${path} is not a memwire journal (line 2 is no record)`);
    await writeFile(path, `${JSON.stringify({ line: 1, hash: 'zz', status: 'updated' })}\n`);
    await expect(readJournal(path)).rejects.toThrow('is not a memwire journal');
  });

  it('passes over blank lines', async () => {
    await writeFile(path, `${record(1, 'updated')}\n\n   \n${record(2, 'failed')}\n`);
    const index = await readJournal(path);
    expect([index.get(1)?.status, index.get(2)?.status]).toEqual(['updated', 'failed']);
  });

  it.each([
    ['a line number as a string', { line: '2', hash: '0000000a', status: 'updated' }],
    ['line 0', { line: 0, hash: '0000000a', status: 'updated' }],
    ['a line number that is not whole', { line: 1.5, hash: '0000000a', status: 'updated' }],
    ['a hash as a number', { line: 1, hash: 12_345_678, status: 'updated' }],
    ['a hash with more after it', { line: 1, hash: '0000000a0', status: 'updated' }],
    ['a hash with more before it', { line: 1, hash: 'x0000000a', status: 'updated' }],
    ['a status no run writes', { line: 1, hash: '0000000a', status: 'skipped' }],
    ['null', null],
  ])('refuses a record with %s', async (_, written) => {
    await writeFile(path, `${JSON.stringify(written)}\n`);
    await expect(readJournal(path)).rejects.toThrow(`${path} is not a memwire journal (line 1 is no record)`);
  });

  it('is empty when the file does not exist yet', async () => {
    expect((await readJournal(path)).get(1)).toBeUndefined();
  });
});

describe('JournalWriter', () => {
  it('starts a new line after a record cut short, so that the next record is read whole', async () => {
    await writeFile(path, `${record(1, 'updated')}\n{"line":2,"hash":"0`);
    const writer = new JournalWriter(path);
    writer.record(2, lineHash('line 2'), 'started');
    writer.close();
    expect((await readFile(path, 'utf8')).split('\n')).toEqual([
      record(1, 'updated'),
      '{"line":2,"hash":"0',
      record(2, 'started'),
      '',
    ]);
    expect((await readJournal(path)).get(2)?.status).toBe('unknown');
  });
});

describe('JournalWriter, on a new or whole journal', () => {
  it('adds no blank line, and takes no record once closed', async () => {
    const first = new JournalWriter(path);
    first.record(1, lineHash('line 1'), 'updated');
    first.close();
    const second = new JournalWriter(path);
    second.record(2, lineHash('line 2'), 'started');
    second.close();
    expect(await readFile(path, 'utf8')).toBe(`${record(1, 'updated')}\n${record(2, 'started')}\n`);
    expect(() => second.record(3, lineHash('line 3'), 'started')).toThrow();
  });
});

describe('JournalIndex', () => {
  it('keeps every line up to and past its first size of 1,024', () => {
    const index = new JournalIndex();
    for (let line = 1; line <= 3000; line++) index.set(line, line.toString(16).padStart(8, '0'), 'updated');
    expect([1, 1023, 1024, 1025, 2048, 3000].map((line) => index.get(line)?.hash)).toEqual([
      '00000001',
      '000003ff',
      '00000400',
      '00000401',
      '00000800',
      '00000bb8',
    ]);
  });

  it('keeps lines far apart and past its first size', () => {
    const index = new JournalIndex();
    index.set(1, '0000000a', 'updated');
    index.set(1_000_000, 'ffffffff', 'failed');
    expect(index.get(1)).toEqual({ status: 'updated', hash: '0000000a' });
    expect(index.get(1_000_000)).toEqual({ status: 'failed', hash: 'ffffffff' });
    expect(index.get(999_999)).toBeUndefined();
    expect(index.get(5_000_000)).toBeUndefined();
  });
});

describe('lockJournal', () => {
  it('takes a free journal with a lock holding its process id, and releases it', async () => {
    const release = lockJournal(path);
    if (typeof release === 'string') throw new Error(release);
    expect(await readFile(`${path}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('refuses a journal whose lock is held by a running process, saying which and what to do', async () => {
    // This test's parent process is running: as another run would be.
    await writeFile(`${path}.lock`, String(process.ppid));
    expect(lockJournal(path)).toBe(
      `${path} is in use by another memwire apply (process ${process.ppid}): run one at a time on a journal. If none is running, delete ${path}.lock.`,
    );
    expect(await readFile(`${path}.lock`, 'utf8')).toBe(String(process.ppid));
  });

  it('refuses a second lock in the same process while the first is held', () => {
    const release = lockJournal(path) as () => void;
    expect(lockJournal(path)).toMatch(/is in use by another memwire apply/);
    release();
    (lockJournal(path) as () => void)();
  });

  it("takes over a lock holding this process's own id that this process does not hold (a killed container's PID 1, restarted)", async () => {
    await writeFile(`${path}.lock`, String(process.pid));
    const release = lockJournal(path);
    expect(typeof release).toBe('function');
    (release as () => void)();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it.each([
    ['the journal', (real: string) => real],
    ['its folder', (real: string) => dirname(real)],
  ])('is one lock for a journal and a symlink to %s', async (_, target) => {
    const other = await mkdtemp(join(tmpdir(), 'memwire-link-'));
    try {
      await writeFile(path, '');
      const link = join(other, 'link');
      await symlink(target(path), link);
      const viaLink = target(path) === path ? link : join(link, basename(path));
      const release = lockJournal(viaLink) as () => void;
      expect(lockJournal(path)).toMatch(/is in use by another memwire apply/);
      release();
      expect(existsSync(`${path}.lock`)).toBe(false);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('refuses a lock that names no process yet (another run may be making it), saying what to do', async () => {
    await writeFile(`${path}.lock`, '');
    expect(lockJournal(path)).toBe(
      `${path} is locked by ${path}.lock, which names no process: if no memwire apply is running, delete it.`,
    );
    expect(await readFile(`${path}.lock`, 'utf8')).toBe('');
  });

  it('takes over a lock holding a process that has ended (a run killed)', async () => {
    await writeFile(`${path}.lock`, String(spawnSync(process.execPath, ['-e', '']).pid));
    const release = lockJournal(path);
    expect(typeof release).toBe('function');
    expect(await readFile(`${path}.lock`, 'utf8')).toBe(String(process.pid));
    (release as () => void)();
  });

  it('says why when the lock cannot be made at all', () => {
    expect(lockJournal(join(folder, 'no-such-folder', 'run.journal'))).toMatch(/^cannot make .*run\.journal\.lock \(ENOENT/);
  });
});
