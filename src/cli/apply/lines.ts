// The lines of `memwire apply`'s input, read as they are needed: a file, or standard input for `-`.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** One line of the input: its number (from 1, as an editor counts) and its text. */
export interface InputLine {
  line: number;
  text: string;
}

/** The input's stream: the file at `path`, or `stdin` for `-`. */
export function openInput(path: string, stdin: Readable): Readable {
  return path === '-' ? stdin : createReadStream(path);
}

/** Every line of `input` that holds something, numbered as an editor numbers them (blank lines count, and are passed over). */
export async function* inputLines(input: Readable): AsyncGenerator<InputLine> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() !== '') yield { line, text };
  }
}

/**
 * Reads `path` once before the run: how many lines hold something (the progress bar's total), and
 * the first line the journal knows with other text (the file was changed since, so the journal
 * cannot say what became of it), so that such a run is refused before anything is sent.
 */
export async function scanInput(
  path: string,
  knownHash: (line: number) => string | undefined,
  hash: (text: string) => string,
): Promise<{ total: number; changed: number | undefined }> {
  let total = 0;
  for await (const { line, text } of inputLines(createReadStream(path))) {
    total++;
    const known = knownHash(line);
    if (known !== undefined && known !== hash(text)) return { total, changed: line };
  }
  return { total, changed: undefined };
}
