// The journal lock when the run holding it ends between our attempt to make it and our read of it:
// the read is made to find it gone, as it would in that instant.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';

const fs = vi.hoisted(() => ({ vanishNext: false }));
vi.mock('node:fs', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs')>();
  return {
    ...original,
    readFileSync: ((path: string, options: BufferEncoding) => {
      if (fs.vanishNext) {
        fs.vanishNext = false;
        original.unlinkSync(path); // its run ends and releases it
      }
      return original.readFileSync(path, options);
    }) as typeof original.readFileSync,
  };
});
const { lockJournal } = await import('../../src/cli/apply/journal-lock.js');

let folder = '';
afterEach(() => rm(folder, { recursive: true, force: true }));

it('takes a lock released between the attempt to make it and the read of it, rather than refusing', async () => {
  folder = await mkdtemp(join(tmpdir(), 'memwire-lock-'));
  const journal = join(folder, 'run.journal');
  await writeFile(`${journal}.lock`, '12345');
  fs.vanishNext = true;
  const release = lockJournal(journal);
  expect(typeof release).toBe('function');
  expect(await readFile(`${journal}.lock`, 'utf8')).toBe(String(process.pid));
  (release as () => void)();
});
