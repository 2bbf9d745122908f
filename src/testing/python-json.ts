// Where and why Python's json.loads (the C scanner Starlette's request.json() uses) rejects a text,
// so a fake FastAPI server can report `json_invalid` errors at the same position with the same
// message. Positions count code points, as Python's do.

/** Python's reason and position for rejecting a JSON text. */
export interface PythonJsonError {
  /** e.g. 'Expecting value', "Expecting ',' delimiter", 'Unterminated string starting at'. */
  readonly msg: string;
  /** The code point index Python reports (`JSONDecodeError.pos`). */
  readonly pos: number;
}

/** The result of {@link parsePythonJson}. */
export type PythonJsonResult = { readonly ok: true; readonly value: unknown } | ({ readonly ok: false } & PythonJsonError);

/**
 * Parses JSON like `JSON.parse`, reporting a failure the way Python's `json.loads` would.
 * Python also accepts `NaN` and `Infinity`; JavaScript JSON cannot hold them, so here they fail
 * with 'Expecting value' like any other bad token.
 *
 * @example
 * parsePythonJson('{"a": }'); // { ok: false, msg: 'Expecting value', pos: 6 }
 */
export function parsePythonJson(text: string): PythonJsonResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    const { msg, index } = findError(text);
    return { ok: false, msg, pos: codePointIndex(text, index) };
  }
}

/** Thrown by the scanners to unwind to {@link findError} with Python's reason and position. */
class Failure extends Error {
  constructor(
    readonly msg: string,
    readonly index: number,
  ) {
    super(msg);
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

function findError(s: string): { msg: string; index: number } {
  try {
    const end = skipWhitespace(s, scanValue(s, skipWhitespace(s, 0)));
    if (end !== s.length) return { msg: 'Extra data', index: end };
    return { msg: 'Expecting value', index: 0 }; // unreachable unless NaN/Infinity: see above
  } catch (error) {
    if (error instanceof Failure) return { msg: error.msg, index: error.index };
    throw error;
  }
}

function skipWhitespace(s: string, index: number): number {
  while (index < s.length && WHITESPACE.has(s[index] as string)) index++;
  return index;
}

/** Scans one value starting at `index`; returns the index just past it. */
function scanValue(s: string, index: number): number {
  const c = s[index];
  if (c === '"') return scanString(s, index + 1);
  if (c === '{') return scanObject(s, index + 1);
  if (c === '[') return scanArray(s, index + 1);
  for (const word of ['null', 'true', 'false']) {
    if (s.startsWith(word, index)) return index + word.length;
  }
  return scanNumber(s, index);
}

function scanNumber(s: string, start: number): number {
  let index = start;
  if (s[index] === '-') index++;
  if (s[index] === '0') index++;
  else if (isDigit(s[index])) while (isDigit(s[index])) index++;
  else throw new Failure('Expecting value', start);
  if (s[index] === '.' && isDigit(s[index + 1])) {
    index += 2;
    while (isDigit(s[index])) index++;
  }
  if (s[index] === 'e' || s[index] === 'E') {
    let exponent = index + 1;
    if (s[exponent] === '+' || s[exponent] === '-') exponent++;
    if (isDigit(s[exponent])) {
      while (isDigit(s[exponent])) exponent++;
      index = exponent;
    }
  }
  return index;
}

/** `index` is just past the opening quote. */
function scanString(s: string, index: number): number {
  const begin = index - 1;
  for (;;) {
    while (index < s.length && s[index] !== '"' && s[index] !== '\\') {
      if (s.charCodeAt(index) <= 0x1f) throw new Failure('Invalid control character at', index);
      index++;
    }
    if (index >= s.length) throw new Failure('Unterminated string starting at', begin);
    if (s[index] === '"') return index + 1;
    index++; // past the backslash
    if (index >= s.length) throw new Failure('Unterminated string starting at', begin);
    const escape = s[index] as string;
    if (escape !== 'u') {
      if (!SIMPLE_ESCAPES.has(escape)) throw new Failure('Invalid \\escape', index - 1);
      index++;
      continue;
    }
    index = scanUnicodeEscape(s, index);
  }
}

/** `u` is the index of the `u` in `\uXXXX`; returns the index past the escape (or pair). */
function scanUnicodeEscape(s: string, u: number): number {
  let end = u + 5;
  if (end >= s.length) throw new Failure('Invalid \\uXXXX escape', u);
  const code = readHex(s, u + 1);
  if (code === undefined) throw new Failure('Invalid \\uXXXX escape', u);
  // Like CPython, a high surrogate followed by `\u` reads the next four digits as its pair.
  if (code >= 0xd800 && code <= 0xdbff && end + 6 < s.length && s[end] === '\\' && s[end + 1] === 'u') {
    const low = readHex(s, end + 2);
    if (low === undefined) throw new Failure('Invalid \\uXXXX escape', end + 1);
    if (low >= 0xdc00 && low <= 0xdfff) end += 6;
  }
  return end;
}

function readHex(s: string, index: number): number | undefined {
  const digits = s.slice(index, index + 4);
  return /^[0-9a-fA-F]{4}$/.test(digits) ? Number.parseInt(digits, 16) : undefined;
}

/** `index` is just past `{`. */
function scanObject(s: string, index: number): number {
  index = skipWhitespace(s, index);
  if (s[index] === '}') return index + 1;
  for (;;) {
    if (s[index] !== '"') throw new Failure('Expecting property name enclosed in double quotes', index);
    index = skipWhitespace(s, scanString(s, index + 1));
    if (s[index] !== ':') throw new Failure("Expecting ':' delimiter", index);
    index = skipWhitespace(s, index + 1);
    index = skipWhitespace(s, scanValue(s, index));
    if (s[index] === '}') return index + 1;
    if (s[index] !== ',') throw new Failure("Expecting ',' delimiter", index);
    index = skipWhitespace(s, index + 1);
  }
}

/** `index` is just past `[`. */
function scanArray(s: string, index: number): number {
  index = skipWhitespace(s, index);
  if (s[index] === ']') return index + 1;
  for (;;) {
    index = skipWhitespace(s, scanValue(s, index));
    if (s[index] === ']') return index + 1;
    if (s[index] !== ',') throw new Failure("Expecting ',' delimiter", index);
    index = skipWhitespace(s, index + 1);
  }
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Python counts code points; JavaScript indexes UTF-16 code units. */
function codePointIndex(s: string, index: number): number {
  let count = 0;
  for (let i = 0; i < index; i++) {
    const unit = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff && i + 1 < index) i++;
    count++;
  }
  return count;
}
