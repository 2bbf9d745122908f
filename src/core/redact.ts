const REDACTED = '[redacted]';
/** What a container nested deeper than `MAX_DEPTH` becomes: no body needs more, and recursion stays bounded. */
export const TOO_DEEP = '[too deep]';
const MAX_DEPTH = 64;
/** Secrets shorter than this are redacted only as whole tokens, so a 1-character key cannot mangle every word. */
const SHORT = 4;
/** Layers of escapes peeled one at a time, at most: each is a pass over the text (see `views` for deeper ones). */
const PASSES = 8;
/** How many characters at either end of a secret an escape begun outside it may swallow (`&#x` + `10ffff;…`). */
const REACH = 12;

/**
 * A copy of `value` with every occurrence of each secret replaced, in strings, arrays, plain
 * objects (keys too) and Headers (names too) alike; containers deeper than 64 levels become
 * `"[too deep]"`. Errors pass what the server sent through this, since a server may echo the
 * credential back ("invalid key sk-…"), verbatim or escaped in any of the ways `peel` decodes,
 * in layers or mixed, in any case. Takes time linear in the text and the secrets. Never throws.
 */
export function redact<T>(value: T, secrets: Iterable<string>): T {
  try {
    return redactValue(value, replacer([...secrets]), 0) as T;
  } catch {
    // An engine limit (a string grown past its maximum length) or a getter that throws gets here: show nothing of it.
    return '[unreadable]' as T;
  }
}

/**
 * Whether `redact` may find one of `secrets` in `text`: `false` only when neither holds an escape
 * (so each has one view, its folded self) and no secret shows in it as it is. One pass, where
 * `redact` first builds its search: a JSON text that passes holds no secret in any of its strings.
 * A secret with a control character is always searched for: JSON writes a tab as `\t`, no escape here.
 */
export const mayHold = (text: string, secrets: Iterable<string>) =>
  [...secrets].some(
    // eslint-disable-next-line no-control-regex -- control characters are what it looks for
    (secret) => /[\0-\x1f]/.test(secret) || (text + secret).search(ESCAPES[0]!) >= 0 || fold(text).includes(fold(secret)),
  );

type Replace = (text: string, marker?: string) => string;
/** Where the character at an index of a decoded text began in the original text (the text's length past its end). */
type Origin = (index: number) => number;

interface Needle {
  /** The secret as a view shows it. */
  form: string;
  /** What a hit must contain: `form` less `before` characters at its start and `after` at its end. */
  core: string;
  borders: Int32Array;
  before: number;
  after: number;
}

/**
 * One replacer for all the secrets. Rather than a pattern for every way to write each character
 * (which grows past what a RegExp engine takes for a long token), the text is decoded, a layer of
 * escapes a pass, into views that know where each of their characters came from (`views`); each
 * secret, decoded the same way, is looked for in each view in linear time (`scan`), and every
 * hit is mapped back to the characters it came from. Overlapping hits merge, so `Bearer <key>`
 * goes whole.
 */
function replacer(secrets: string[]): Replace {
  const needles = secrets.flatMap((secret) => {
    const forms = new Set<string>();
    views(secret, (form) => forms.add(form));
    return [...forms].filter(Boolean).map(needle);
  });
  return (text, marker = REDACTED) => {
    const spans: number[][] = [];
    if (needles.length) views(text, (view, origin) => needles.forEach((found) => hits(view, origin, found, spans)));
    return spans.length ? cut(text, spans, marker) : text;
  };
}

/**
 * Shows `visit` the text as it is, then with one more layer of escapes decoded each time, until
 * none is left, each lower-cased with `+` as a space. Every view is searched, so a secret is
 * found in the layer it shows in, even where decoding further merges it with its neighbours.
 */
function views(text: string, visit: (view: string, origin: Origin) => void): void {
  visit(fold(text), (index) => index);
  // `%25…` and `&amp;…` are peeled a layer a pass, as a reader would: peeled at once, what they
  // decode to could run into a neighbour still a layer short (`&#x61` + `%2561` reads `&#x61a`).
  // If layers are left after PASSES, the text is peeled again with those taken at once, so
  // nesting of any depth costs at most 2 × PASSES passes.
  if (peelAll(text, visit, false)) peelAll(text, visit, true);
}

/** Peels layer after layer (PASSES at most), showing each; whether layers were left. */
function peelAll(text: string, visit: (view: string, origin: Origin) => void, nested: boolean): boolean {
  let origin: Origin = (index) => index;
  for (let pass = 0; pass < PASSES; pass++) {
    const [next, from] = peel(text, nested);
    if (next === text) return false;
    const outer = origin;
    origin = (index) => outer(from[index]!);
    visit(fold((text = next)), origin);
  }
  return true;
}

/** Lower case (a final sigma as any other; the few letters that lengthen keep their case, so offsets hold), `+` as a space. */
function fold(text: string): string {
  let lower = text.toLowerCase();
  if (lower.length !== text.length) {
    lower = text.replace(/[^]/gu, (char) => (char.toLowerCase().length === char.length ? char.toLowerCase() : char));
  }
  return lower.replaceAll('ς', 'σ').replaceAll('+', ' ');
}

/**
 * The named references a reader takes for ASCII punctuation (letters and digits have none), each
 * name followed by its character. A name comes before any it begins with (`commat` before
 * `comma`), as `ESCAPES` tries them in this order.
 */
const NAMED = Object.fromEntries(
  'excl!quot"num#dollar$percnt%amp&apos\'lpar(rpar)ast*midast*plus+commat@comma,hyphen-dash-minus-period.sol/colon:semi;lt<equals=gt>quest?lsqb[lbrack[bsol\\rsqb]rbrack]hat^lowbar_underbar_grave`lcub{lbrace{verbar|vert|rcub}rbrace}tilde~nbsp '
    .match(/[a-z]+./g)!
    .map((entry) => [entry.slice(0, -1), entry.slice(-1)]),
) as Record<string, string>;

/**
 * One escape, or a run of bytes: `%XX`, `\xXX` and Latin-1 characters (UTF-8 read as Latin-1);
 * `\uXXXX`; JSON's `\/ \" \\` and `\'`; HTML references, numeric or named, `;` optional; NULs
 * (UTF-16 read as bytes). The second also takes `%25…XX` and `&amp;…` nested at any depth as one.
 * Names in `NAMED`'s order, so `&commat;` is not `&comma;` and `t;`. Each part is bounded or
 * followed by nothing that can fail, so matching never backtracks far. (With `i`, `[\x80-\xff]`
 * also takes Ÿ, Μ and μ, the other cases of ÿ and µ: `utf8` leaves them as they are.)
 */
const ESCAPES = ['', '(?:25)*'].map(
  (nested) =>
    new RegExp(
      String.raw`((?:%${nested}[\da-f]{2}|\\x[\da-f]{2}|[\x80-\xff])+)|\\u([\da-f]{4})|\\([\\/"'])|&${nested && '(?:amp;)*'}(?:#(?:x([\da-f]+)|(\d+))|(${Object.keys(NAMED).join('|')}));?|\0+`,
      'gi',
    ),
);

type Emit = (chars: string, from: number) => string;
/** What `ESCAPES` captured: a run of bytes, a `\u` unit's hex, a JSON-escaped character, a reference's hex, decimal or name. */
type Parts = [run?: string, unit?: string, quoted?: string, hex?: string, decimal?: string, name?: string];

/** The text with each escape in it decoded once, and for each character the index it came from. */
function peel(text: string, nested: boolean): [string, Int32Array] {
  const from = new Int32Array(text.length + 1);
  let length = 0;
  let copied = 0;
  // Every character a decoded escape yields comes from where the escape (or its byte) began. A NUL
  // decoded (`%00`, `\u0000`) is dropped in the next pass, as its layer is.
  const emit: Emit = (chars, start) => {
    from.fill(start, length, (length += chars.length));
    return chars;
  };
  const next = text.replace(ESCAPES[+nested]!, (escape: string, ...groups: unknown[]) => {
    const offset = groups[6] as number;
    while (copied < offset) from[length++] = copied++;
    const decoded = decode(escape, groups as Parts, offset, emit);
    // A reference that stands for nothing stays as it is, copied with what follows it.
    if (decoded === undefined) return escape;
    copied = offset + escape.length;
    return decoded;
  });
  while (copied <= text.length) from[length++] = copied++;
  return [next, from.subarray(0, length)];
}

/** The characters an escape stands for (their origins emitted), or `undefined` for a reference that stands for none. */
function decode(escape: string, [run, unit, quoted, hex, decimal, name]: Parts, offset: number, emit: Emit): string | undefined {
  if (run) return bytes(run, offset, emit);
  if (quoted) return emit(quoted, offset);
  if (escape[0] === '\0') return '';
  if (name) return emit(NAMED[name.toLowerCase()]!, offset);
  // A `\u` unit (a lone surrogate too) or a numeric reference, which stands for none past U+10FFFF,
  // so `&#x` before a long hex key leaves the key as it is.
  const code = decimal ? +decimal : parseInt(unit ?? hex!, 16);
  return code > 0x10ffff ? undefined : emit(String.fromCodePoint(code), offset);
}

/** One escaped byte, `%XX` at any depth of `%25` or `\xXX`, else one character (a Latin-1 byte). */
const BYTE = /(?:%(?:25)*|\\x)([\da-f]{2})|[^]/gi;

/** A run of bytes as UTF-8 where they form it, and each other byte as its Latin-1 character. */
function bytes(run: string, offset: number, emit: Emit): string {
  const found = [...run.matchAll(BYTE)];
  const values = found.map(([byte, hex]) => (hex ? parseInt(hex, 16) : byte.charCodeAt(0)));
  let decoded = '';
  for (let i = 0; i < values.length;) {
    const [code, size] = utf8(values, i);
    decoded += emit(String.fromCodePoint(code), offset + found[i]!.index);
    i += size;
  }
  return decoded;
}

/** The code point the UTF-8 sequence at `bytes[i]` encodes and its length, or the byte itself if none starts there. */
function utf8(bytes: number[], i: number): [number, number] {
  const lead = bytes[i]!;
  // 0xC2–0xDF lead 2 bytes, 0xE0–0xEF 3, 0xF0–0xF4 4; any other byte (or character past 0xFF) stands for itself.
  const size = lead < 0xc2 || lead > 0xf4 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
  let code = lead & (0x7f >> size);
  for (let k = 1; k < size; k++) {
    const next = bytes[i + k] ?? 0;
    if (next >> 6 !== 2) return [lead, 1]; // not a continuation byte
    code = (code << 6) | (next & 0x3f);
  }
  // Overlong forms, surrogates and code points past U+10FFFF are no UTF-8.
  const valid = size > 1 && code >= [0, 0, 0x80, 0x800, 0x10000][size]! && code <= 0x10ffff && code >> 11 !== 0x1b;
  return valid ? [code, size] : [lead, 1];
}

/**
 * A secret's form as a needle. An escape begun just before an echo can swallow its first
 * characters (`%` + `41…` reads `A…`, `&#` + `107…` reads `k…`), and one begun at its end can
 * swallow what follows (`…%4` + `1`): a hit need not contain those, up to `REACH` of them (where
 * they are characters an escape can hold), and widens over them, or over the escape that took them.
 */
function needle(form: string): Needle {
  const room = Math.max(0, form.length - SHORT);
  const before = Math.min(REACH, room, form.search(/[^\da-z#;\\/"'\x80-\xbf]|$/));
  const end = form.slice(-REACH);
  const opener = end.search(/[%&\\\xc0-\xff]/);
  const after = Math.min(opener < 0 ? 0 : end.length - opener, room - before);
  const core = form.slice(before, form.length - after);
  return { form, core, borders: borders(core), before, after };
}

/**
 * Adds to `spans` where the hits of `found` in `view` came from in the original text. Every hit
 * counts, overlapping ones too (the first hit of a repetitive key may start early), merged as
 * they come so that a text made of one repeated character yields one span, not one per hit.
 */
function hits(view: string, origin: Origin, found: Needle, spans: number[][]): void {
  const { form, core, before, after } = found;
  // Whether the character at an index of the view is a decoded escape (came from more than one
  // character). Past either end of the view the difference is 1 (as it is) or NaN (peeled): no.
  const escaped = (index: number) => origin(index + 1) - origin(index) > 1;
  const merged: number[][] = [];
  scan(view, 0, core, found.borders, (at, matched) => {
    if (matched < core.length) return;
    const hit = at + 1 - matched;
    const stop = hit + core.length;
    // A short secret counts only where no letter or digit touches it.
    if (form.length < SHORT && /[a-z\d]/.test((view[hit - 1] ?? '') + (view[stop] ?? ''))) return;
    const left = widen(
      before,
      (k) => view[hit - 1 - k] === form[before - 1 - k],
      (k) => escaped(hit - 1 - k),
    );
    const right = widen(
      after,
      (k) => view[stop + k] === form[form.length - after + k],
      (k) => escaped(stop + k),
    );
    if (left < 0 || right < 0) return;
    const start = hit - left;
    const end = stop + right;
    const last = merged.at(-1);
    if (last && start <= last[1]!) last.splice(0, 2, Math.min(last[0]!, start), Math.max(last[1]!, end));
    else merged.push([start, end]);
  });
  for (const [start, end] of merged) spans.push([origin(start!), origin(end!)]);
}

/**
 * How far a hit widens on one side: over the `edge` characters of the secret there when all
 * match. Else an escape among those that match or the first that does not swallowed the rest
 * (its own character may happen to match), and the hit widens over it; with none, this is not
 * the secret: -1.
 */
function widen(edge: number, matches: (k: number) => boolean, escaped: (k: number) => boolean): number {
  let k = 0;
  while (k < edge && matches(k)) k++;
  if (k === edge) return k;
  while (k >= 0 && !escaped(k)) k--;
  return k < 0 ? -1 : k + 1;
}

/** For each prefix of `core`, the length of its longest proper prefix that is also its suffix. */
function borders(core: string): Int32Array {
  const border = new Int32Array(core.length);
  scan(core, 1, core, border, (i, k) => (border[i] = k));
  return border;
}

/**
 * Knuth–Morris–Pratt, where `indexOf` can take quadratic time on a long key: how much of `core`
 * ends at each index of `text` from `start` on (`border` known that far), in linear time. After a
 * whole match, `core.charCodeAt(k)` is NaN, so the next character falls back as a mismatch does.
 */
function scan(text: string, start: number, core: string, border: Int32Array, visit: (i: number, k: number) => unknown): void {
  for (let i = start, k = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    while (k > 0 && char !== core.charCodeAt(k)) k = border[k - 1]!;
    if (char === core.charCodeAt(k)) k++;
    visit(i, k);
  }
}

/** The text with each span (merged where they overlap) replaced by the marker. */
function cut(text: string, spans: number[][], marker: string): string {
  let kept = '';
  let done = 0;
  for (const [start, end] of spans.sort((a, b) => a[0]! - b[0]!) as [number, number][]) {
    if (end <= done || start === end) continue;
    if (start >= done) kept += text.slice(done, start) + marker;
    done = end;
  }
  return kept + text.slice(done);
}

function redactValue(value: unknown, replace: Replace, depth: number): unknown {
  if (typeof value === 'string') return replace(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, replace, depth + 1));
  if (value instanceof Headers) {
    const headers = new Headers();
    value.forEach((headerValue, name) => {
      try {
        headers.append(replace(name, 'redacted'), replace(headerValue));
      } catch {
        // A name or value Headers refuses once redacted is left out rather than thrown.
      }
    });
    return headers;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [replace(key), redactValue(item, replace, depth + 1)]));
  }
  return value;
}
