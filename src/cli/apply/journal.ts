// `memwire apply --journal FILE`: what became of each line, so that a run can stop anywhere and be
// run again without sending a write twice. JSON Lines, appended as things happen:
//   {"line":12,"hash":"9f86d081","status":"started"}   written before line 12 is handed on to be sent
//   {"line":12,"hash":"9f86d081","status":"updated"}   its outcome: updated, failed or unknown
// A line whose last record is `started` was in flight when its run ended without a word (killed):
// it may have landed, so it counts as `unknown`.
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { UpdateStatus } from '../../batch/update.js';

/** What a journal may say of a line. */
export type JournalStatus = UpdateStatus | 'started';

const STATUSES: readonly JournalStatus[] = ['started', 'updated', 'failed', 'unknown'];

/** A line's text as the journal knows it: 32 bits of its SHA-256, as 8 hex digits. */
export function lineHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/**
 * Each line's last record, kept in two typed arrays indexed by line number (5 bytes a line, not a
 * Map's hundred): a journal of a million lines stays a few megabytes.
 */
export class JournalIndex {
  #status = new Uint8Array(1024);
  #hash = new Uint32Array(1024);

  set(line: number, hash: string, status: JournalStatus): void {
    if (line >= this.#status.length) this.#grow(line + 1);
    this.#status[line] = STATUSES.indexOf(status) + 1;
    this.#hash[line] = Number.parseInt(hash, 16);
  }

  /** The line's last status, `started` read as `unknown`; `undefined` when the journal has no word of it. */
  get(line: number): { status: UpdateStatus; hash: string } | undefined {
    const code = this.#status[line];
    if (!code) return undefined;
    const status = STATUSES[code - 1]!;
    return { status: status === 'started' ? 'unknown' : status, hash: this.#hash[line]!.toString(16).padStart(8, '0') };
  }

  #grow(size: number) {
    const length = Math.max(size, this.#status.length * 2);
    const status = new Uint8Array(length);
    const hash = new Uint32Array(length);
    status.set(this.#status);
    hash.set(this.#hash);
    [this.#status, this.#hash] = [status, hash];
  }
}

/**
 * Reads the journal at `path` (none yet: an empty index). A record cut short (a run killed while
 * writing it, before that line could be sent) is passed over; a line that is no record at all
 * means the file is not a journal, which must not decide what is sent.
 */
export async function readJournal(path: string): Promise<JournalIndex> {
  const index = new JournalIndex();
  if (!existsSync(path)) return index;
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let number = 0;
  for await (const text of lines) {
    number++;
    if (text.trim() === '') continue;
    const record = parseRecord(text);
    if (record === 'torn') continue;
    if (!record) throw new Error(`${path} is not a memwire journal (line ${number} is no record)`);
    index.set(record.line, record.hash, record.status);
  }
  return index;
}

/** A record; `'torn'` for the start of one that was cut short; `undefined` for anything else. */
function parseRecord(text: string): { line: number; hash: string; status: JournalStatus } | 'torn' | undefined {
  let record: { line?: unknown; hash?: unknown; status?: unknown };
  try {
    record = JSON.parse(text) as typeof record;
  } catch {
    return text.startsWith('{"line":') ? 'torn' : undefined;
  }
  const { line, hash, status } = record ?? {};
  const whole =
    Number.isInteger(line) &&
    (line as number) >= 1 &&
    typeof hash === 'string' &&
    /^[0-9a-f]{8}$/.test(hash) &&
    STATUSES.includes(status as JournalStatus);
  return whole ? { line: line as number, hash, status: status as JournalStatus } : undefined;
}

/**
 * Appends records to the journal. Each is written at once, synchronously: a `started` record is
 * on disk before its line can be sent, so a run killed at any point leaves no write unaccounted for.
 */
export class JournalWriter {
  readonly #fd: number;

  constructor(path: string) {
    this.#fd = openSync(path, 'a+');
    // A record cut short by a killed run must stay on a line of its own, apart from the next.
    const { size } = fstatSync(this.#fd);
    const last = Buffer.alloc(1);
    if (size > 0 && readSync(this.#fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a) writeSync(this.#fd, '\n');
  }

  record(line: number, hash: string, status: JournalStatus): void {
    writeSync(this.#fd, `${JSON.stringify({ line, hash, status })}\n`);
  }

  close(): void {
    closeSync(this.#fd);
  }
}
