// Two runs on one journal (an overlapping cron job, say) would each send every line the journal
// does not yet record as done: each write twice. A run takes its journal first, with a lock file
// beside it that holds its process id.
import { closeSync, openSync, readFileSync, realpathSync, unlinkSync, writeSync } from 'node:fs';

/** The locks this process holds: a lock with its own id that it does not hold is a killed run's (a container's PID 1, restarted). */
const held = new Set<string>();

/**
 * Takes `journal` for this process: `<journal>.lock` beside the file it names (a symlink followed),
 * created only where there is none. A lock left by a run that is no longer running (killed) is
 * taken over. Returns the function that releases it, or why it cannot be taken.
 *
 * @example
 * const release = lockJournal('run.journal');
 * if (typeof release === 'string') throw new Error(release);
 */
export function lockJournal(journal: string): (() => void) | string {
  const path = `${realPath(journal)}.lock`;
  // Twice at most: once more after taking over a lock whose run is gone, or finding it released.
  for (let tries = 0; tries < 2; tries++) {
    const taken = create(path);
    if (taken !== null) return taken;
    const holder = holderOf(path);
    // Released since (its run just ended): try again.
    if (holder === 'gone') continue;
    // A lock that names no process yet may be one another run is making this instant: not taken
    // over (a run killed in that instant leaves one for the user to delete).
    if (holder === undefined) {
      return `${journal} is locked by ${path}, which names no process: if no memwire apply is running, delete it.`;
    }
    if (holder === process.pid ? held.has(path) : isRunning(holder)) {
      return `${journal} is in use by another memwire apply (process ${holder}): run one at a time on a journal. If none is running, delete ${path}.`;
    }
    // Its run is gone. Two runs taking over the same lock in the same instant could both go on: a
    // run killed and two restarted at once is the only way there.
    removeIfThere(path);
  }
  return `cannot take ${path}: another run keeps making it`;
}

/** The release, `null` when another lock is there, or why the lock could not be made. */
function create(path: string): (() => void) | string | null {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    return code === 'EEXIST' ? null : `cannot make ${path} (${message})`;
  }
  writeSync(fd, String(process.pid));
  closeSync(fd);
  held.add(path);
  return () => {
    held.delete(path);
    removeIfThere(path);
  };
}

/** The file a symlink to the journal names, so that both share one lock (a symlinked folder shares it already). */
function realPath(journal: string): string {
  try {
    return realpathSync(journal);
  } catch {
    // Not there yet (a first run): the path as given.
    return journal;
  }
}

/** The process id a lock holds; `undefined` when it holds none, `'gone'` when there is no lock any more. */
function holderOf(path: string): number | undefined | 'gone' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : undefined;
  }
  const pid = Number(text);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Whether a process with this id is running: signal 0 checks without sending anything. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeIfThere(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Gone already: nothing to release.
  }
}
