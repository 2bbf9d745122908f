import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { mayHold, redact, TOO_DEEP } from '../../src/core/redact.js';

describe('redact', () => {
  const secrets = ['sk-live-123'];

  it('replaces the secret in strings, arrays, objects and their keys', () => {
    const body = { detail: 'bad key sk-live-123', list: ['sk-live-123'], 'sk-live-123': 1, n: 5, ok: true };
    expect(redact(body, secrets)).toEqual({
      detail: 'bad key [redacted]',
      list: ['[redacted]'],
      '[redacted]': 1,
      n: 5,
      ok: true,
    });
  });

  it('replaces it in Headers, names too, without touching the original', () => {
    const original = new Headers({ 'x-echo': 'Bearer sk-live-123', 'x-sk-live-123': 'name' });
    const copy = redact(original, secrets);
    expect([...copy]).toEqual([
      ['x-echo', 'Bearer [redacted]'],
      ['x-redacted', 'name'],
    ]);
    expect(original.get('x-echo')).toBe('Bearer sk-live-123');
  });

  it('leaves values without secrets alone', () => {
    expect(redact('fine', [])).toBe('fine');
    expect(redact(null, secrets)).toBeNull();
    expect(redact(undefined, secrets)).toBeUndefined();
  });

  describe('finds the forms a server echoes', () => {
    const key = 'sk-Live/4f+9a=1 x"y\\z';
    it.each([
      ['verbatim', key],
      ['in another case', key.toUpperCase()],
      ['percent-encoded', encodeURIComponent(key)],
      ['percent-encoded in lower case', encodeURIComponent(key).toLowerCase()],
      ['form-encoded', new URLSearchParams({ k: key }).toString().slice(2)],
      ['JSON-escaped', JSON.stringify(key).slice(1, -1)],
      ['JSON-escaped with \\/', JSON.stringify(key).slice(1, -1).replaceAll('/', '\\/')],
      ['as \\u escapes', [...key].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')],
      [
        'as upper-case \\u escapes',
        [...key].map((c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join(''),
      ],
      ['escaped in part', `sk-Live%2F4f%2B9a%3D1\\u0020x"y\\\\z`],
    ])('%s', (_, echoed) => {
      expect(redact(`<${echoed}>`, [key])).toBe('<[redacted]>');
    });

    it('non-ASCII characters as their UTF-8 bytes, percent-encoded', () => {
      const password = 'pässwörd-✓-🧠';
      expect(redact(`?p=${encodeURIComponent(password)}&`, [password])).toBe('?p=[redacted]&');
      // Every UTF-16 code unit past ASCII, escaped as JSON may escape it.
      const escaped = JSON.stringify(password).replace(
        /[\x80-\uffff]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      );
      expect(redact(escaped, [password])).toBe('"[redacted]"');
    });
  });

  it('replaces the longest secret first, so "Bearer <key>" goes whole', () => {
    expect(redact('got Bearer sk-live-123', ['sk-live-123', 'Bearer sk-live-123'])).toBe('got [redacted]');
  });

  it.each([
    ['shortest first', ['sk-l', 'sk-live', 'sk-live-123']],
    ['longest first', ['sk-live-123', 'sk-live', 'sk-l']],
    ['mixed', ['sk-live', 'sk-live-123', 'sk-l']],
  ])('replaces a secret whole when a shorter one starts it, given %s', (_, keys) => {
    expect(redact('<sk-live-123>', keys)).toBe('<[redacted]>');
  });

  it('cuts a secret repeated back to back, or overlapping itself, as one', () => {
    expect(redact('<abcdabcd>', ['abcd'])).toBe('<[redacted]>');
    expect(redact('<ababababab>', ['abab'])).toBe('<[redacted]>');
  });

  it('ignores an empty secret', () => {
    expect(redact('fine', ['', 'sk-live-123'])).toBe('fine');
  });

  it('finds a secret as its UTF-8 bytes read as Latin-1', () => {
    const password = 'hörse-stäple';
    expect(redact(`bad ${Buffer.from(password).toString('latin1')}.`, [password])).toBe('bad [redacted].');
  });

  it('takes + for a space only, and a backslash escape only for / " and \\', () => {
    expect(redact('sk live', ['sk live'])).toBe('[redacted]');
    expect(redact('sk+live', ['sk live'])).toBe('[redacted]');
    expect(redact('sk+ive', ['sklive'])).toBe('sk+ive');
    expect(redact('a\\sklive', ['sklive'])).toBe('a\\[redacted]');
    expect(redact('a\\/b', ['a/b'])).toBe('[redacted]');
  });

  it('copies plain and null-prototype objects, and leaves other objects as they are', () => {
    const bare = Object.assign(Object.create(null) as object, { detail: 'sk-live-123' });
    expect(redact(bare, secrets)).toEqual({ detail: '[redacted]' });
    const date = new Date(0);
    expect(redact(date, secrets)).toBe(date);
    const map = new Map([['k', 'sk-live-123']]);
    expect(redact(map, secrets)).toBe(map);
  });

  describe('a secret shorter than 4 characters', () => {
    it('is one of 3 characters at most: one of 4 is redacted inside a word', () => {
      expect(redact('xxabcdyy', ['abcd'])).toBe('xx[redacted]yy');
      expect(redact('xxabcyy', ['abc'])).toBe('xxabcyy');
    });

    it('is redacted only as a whole token', () => {
      expect(redact('Invalid token: ab', ['ab'])).toBe('Invalid token: [redacted]');
      expect(redact('ab,ab "ab" (ab)', ['ab'])).toBe('[redacted],[redacted] "[redacted]" ([redacted])');
      expect(redact('Mielto memories.update: 401 Unauthorized, about a tab', ['a', 'ab'])).toBe(
        'Mielto memories.update: 401 Unauthorized, about [redacted] tab',
      );
    });

    it('does not mangle the words around it', () => {
      const message = 'OpenSearch memories.update: 503 Service Unavailable (after 3 attempts)';
      for (const key of ['e', 'a', 'pd', '50', 'te', 'Ser']) expect(redact(message, [key])).toBe(message);
    });

    it('while a longer one is redacted anywhere', () => {
      expect(redact('xxsk-live-123yy', secrets)).toBe('xx[redacted]yy');
    });
  });

  describe('never throws', () => {
    it('on a body nested 10,000 levels deep: what lies beyond 64 levels becomes a marker', () => {
      let deep: unknown = 'sk-live-123';
      for (let i = 0; i < 10_000; i++) deep = i % 2 ? [deep] : { a: deep };
      const copy = redact(deep, secrets);
      const text = JSON.stringify(copy);
      expect(text).toContain(JSON.stringify(TOO_DEEP));
      expect(text).not.toContain('sk-live-123');
      let depth = 0;
      for (let node: unknown = copy; typeof node === 'object' && node !== null; depth++) {
        node = Array.isArray(node) ? node[0] : (node as { a: unknown }).a;
      }
      expect(depth).toBe(64);
    });

    it('keeps a body 64 levels deep whole', () => {
      let deep: unknown = 'leaf';
      for (let i = 0; i < 63; i++) deep = [deep];
      expect(redact(deep, secrets)).toEqual(deep);
    });

    it('on keys that are prototype names', () => {
      const body = JSON.parse('{"__proto__":{"x":"sk-live-123"},"constructor":"sk-live-123","toString":1}') as object;
      const copy = redact(body, secrets);
      expect(Object.keys(copy)).toEqual(['__proto__', 'constructor', 'toString']);
      expect(JSON.stringify(copy)).toBe('{"__proto__":{"x":"[redacted]"},"constructor":"[redacted]","toString":1}');
    });

    it('on a getter that throws: the value becomes a marker', () => {
      const body = {
        get detail(): string {
          throw new Error('no');
        },
      };
      expect(redact(body, secrets)).toBe('[unreadable]');
    });

    it('on secrets that are regular-expression syntax', () => {
      expect(redact('a.*(b)[c]|d$^e?{2}', ['.*(b)[c]|d$^e?{2}'])).toBe('a[redacted]');
      expect(redact('$& $1 ok', ['$&', '$1'])).toBe('[redacted] [redacted] ok');
    });
  });
});

// How a hostile server may write a secret back: each character in a form of its own (a mixture),
// then whole layers of escaping on top. The same builders serve the examples and the properties.

const hex = (value: number, width = 2) => value.toString(16).padStart(width, '0');
const bytesOf = (char: string) => [...Buffer.from(char)];
/** Named references for the characters that have one (`&hyphen;` and `&dash;` read as `-`). */
const NAMES: Record<string, string[]> = {
  '-': ['hyphen', 'dash'],
  _: ['lowbar'],
  '.': ['period'],
  ':': ['colon'],
  '/': ['sol'],
  '+': ['plus'],
  '=': ['equals'],
  '&': ['amp'],
  '!': ['excl'],
  '@': ['commat'],
  ',': ['comma'],
  ';': ['semi'],
  '"': ['quot'],
  "'": ['apos'],
  '(': ['lpar'],
  ')': ['rpar'],
  '*': ['ast'],
  $: ['dollar'],
};

/** The ways one character may be written; `pick` varies the details (case, leading zeros, byte order). */
const FORMS = {
  literal: (char: string) => char,
  'in upper case': (char: string) => (char.toUpperCase().length === char.length ? char.toUpperCase() : char),
  'percent-encoded': (char: string, pick: number) =>
    bytesOf(char)
      .map((byte) => `%${pick % 2 ? hex(byte).toUpperCase() : hex(byte)}`)
      .join(''),
  'percent-encoded twice': (char: string) =>
    bytesOf(char)
      .map((byte) => `%25${hex(byte)}`)
      .join(''),
  'percent-encoded three times': (char: string) =>
    bytesOf(char)
      .map((byte) => `%2525${hex(byte).toUpperCase()}`)
      .join(''),
  'as Python bytes': (char: string) =>
    bytesOf(char)
      .map((byte) => `\\x${hex(byte)}`)
      .join(''),
  'as \\u escapes': (char: string, pick: number) =>
    char
      .split('')
      .map((unit) => `\\u${pick % 2 ? hex(unit.charCodeAt(0), 4).toUpperCase() : hex(unit.charCodeAt(0), 4)}`)
      .join(''),
  'as UTF-16 (a NUL next to it)': (char: string, pick: number) => (pick % 2 ? `${char}\0` : `\0${char}`),
  'as UTF-16 (a \\u0000 after it)': (char: string) => `${char}\\u0000`,
  'as an HTML decimal reference': (char: string, pick: number) => `&#${'0'.repeat(pick % 4)}${char.codePointAt(0)};`,
  'as an HTML hex reference': (char: string, pick: number) =>
    `&#${pick % 2 ? 'X' : 'x'}${'0'.repeat(pick % 3)}${hex(char.codePointAt(0)!)};`,
  'as an HTML named reference': (char: string, pick: number) => {
    const names = NAMES[char];
    return names ? `&${names[pick % names.length]};` : `&#${char.codePointAt(0)};`;
  },
  'as UTF-8 read as Latin-1': (char: string) => Buffer.from(char).toString('latin1'),
} satisfies Record<string, (char: string, pick: number) => string>;
type Form = keyof typeof FORMS;

/** Escaping applied to a whole echo, layer on layer. */
const LAYERS = {
  'percent-encoded': encodeURIComponent,
  'HTML-escaped': (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;'),
  'JSON-escaped': (text: string) => JSON.stringify(text).slice(1, -1),
  'as UTF-16': (text: string) => [...text].map((char) => `${char}\0`).join(''),
  'read as Latin-1': (text: string) => Buffer.from(text).toString('latin1'),
} satisfies Record<string, (text: string) => string>;
type Layer = keyof typeof LAYERS;

/** One character's form, a variant of it, and whether a reference may leave out its `;`. */
type Choice = [Form, number, boolean];

/**
 * `secret` as a server may echo it: character i in the form `choices[i % length]` gives, a
 * reference without its `;` where the choice says and what follows (`next` after the last) cannot
 * lengthen it, whatever layer it is in, then `layers` applied to the whole.
 */
function encode(secret: string, choices: Choice[], layers: Layer[] = [], next = ''): string {
  const choice = (i: number) => choices[i % choices.length]!;
  const parts = [...secret].map((char, i) => FORMS[choice(i)[0]](char, choice(i)[1]));
  const open = (i: number) =>
    choice(i)[2] && choice(i)[0].includes('HTML') && !/^[\w;%&\\\0\x80-\uffff]/.test(parts[i + 1] ?? next);
  const echoed = parts.map((part, i) => (open(i) ? part.slice(0, -1) : part)).join('');
  return layers.reduce((text, layer) => LAYERS[layer](text), echoed);
}

// A reference decoder for the properties, written apart from redact's: it decodes a layer at a time,
// every kind of escape at once or one kind alone, with no index bookkeeping. (No `i` flag: with it,
// a class of Latin-1 bytes also takes their other-case letters.)
const NAMED = Object.fromEntries(
  Object.entries({ ...NAMES, '<': ['lt'], '>': ['gt'] }).flatMap(([char, names]) => names.map((name) => [name, char])),
);
function fromReference(reference: string): string {
  const [, x, digits, name] = /^&(?:#([xX]?)(\w+)|(\w+))/.exec(reference)!;
  if (name) return NAMED[name.toLowerCase()] ?? reference;
  const code = parseInt(digits!, x ? 16 : 10);
  return code <= 0x10ffff ? String.fromCodePoint(code) : reference;
}
const DECODERS: [RegExp, (escape: string) => string][] = [
  [/\0/, () => ''],
  [
    /\\u[\da-fA-F]{4}|\\[\\/"']/,
    (escape) => (escape.length === 6 ? String.fromCharCode(parseInt(escape.slice(2), 16)) : escape[1]!),
  ],
  [/&#[xX][\da-fA-F]+;?|&#\d+;?|&[a-zA-Z]+;?/, fromReference],
  [/(?:%[\da-fA-F]{2}|\\x[\da-fA-F]{2})+/, (run) => Buffer.from(run.replace(/%|\\x/g, ''), 'hex').toString()],
  [
    /[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}/,
    (latin1) => {
      const text = Buffer.from(latin1, 'latin1').toString();
      return text.includes('\ufffd') ? latin1 : text;
    },
  ],
];

/** Whether `secret` shows in `text`: as it is, or decoded a layer at a time, by every decoder at once or by one alone. */
function shows(text: string, secret: string): boolean {
  const fold = (form: string) => form.toLowerCase().replaceAll('+', ' ');
  const forms = [text];
  for (const used of [DECODERS, ...DECODERS.map((decoder) => [decoder])]) {
    const any = new RegExp(used.map(([pattern]) => `(${pattern.source})`).join('|'), 'g');
    let decoded = text;
    for (let layer = 0; layer < 12; layer++) {
      decoded = decoded.replace(any, (escape, ...groups: unknown[]) =>
        used[groups.slice(0, used.length).findIndex((group) => group !== undefined)]![1](escape),
      );
      forms.push(decoded);
    }
  }
  return forms.some((form) => fold(form).includes(fold(secret)));
}

describe('finds a secret however a hostile server writes it', () => {
  const key = 'sk-Live_4f.9a-1';
  const each = (form: Form, pick = 1, drop = false): string => encode(key, [[form, pick, drop]]);

  it.each([
    ['as UTF-16 with a NUL after each character', each('as UTF-16 (a NUL next to it)')],
    ['as UTF-16 with \\u0000 escapes after each character', each('as UTF-16 (a \\u0000 after it)')],
    ['as HTML decimal references', each('as an HTML decimal reference', 0)],
    ['as HTML decimal references, zero-padded, without semicolons', each('as an HTML decimal reference', 3, true)],
    ['as HTML hex references (&#x)', each('as an HTML hex reference', 0)],
    ['as HTML hex references (&#X), zero-padded, without semicolons', each('as an HTML hex reference', 1, true)],
    ['as HTML named references', each('as an HTML named reference', 0)],
    ['as HTML named references (the other names), without semicolons', each('as an HTML named reference', 1, true)],
    ['percent-encoded twice', each('percent-encoded twice')],
    ['percent-encoded three times', each('percent-encoded three times')],
    ['percent-encoded twenty times', key.replace(/[^]/g, (char) => `%${'25'.repeat(19)}${hex(char.charCodeAt(0))}`)],
    ['as Python bytes', each('as Python bytes')],
    [
      'in a mixture of every form',
      encode(
        key,
        Object.keys(FORMS).map((form, i): Choice => [form as Form, i, i % 2 === 0]),
      ),
    ],
    ['in a mixture written by hand', 's%6B&#45;L\\u0069v%2565&lowbar;4f&#x2E;9a%252D\\x31'],
    ['as HTML references, then percent-encoded', encodeURIComponent(each('as an HTML decimal reference'))],
    ['as \\u escapes of its percent-encoding', encode(encodeURIComponent(key), [['as \\u escapes', 0, false]])],
    ['as UTF-16 of its HTML references', encode(key, [['as an HTML hex reference', 0, false]], ['as UTF-16'])],
  ])('%s', (_, echoed) => {
    expect(redact(`status 401 <${echoed}> request-id abc`, [key])).toBe('status 401 <[redacted]> request-id abc');
  });

  it('as UTF-16 with a NUL before each character (the NUL before the first stays)', () => {
    expect(redact(`<${each('as UTF-16 (a NUL next to it)', 0)}>`, [key])).toBe('<\0[redacted]>');
  });

  it('a key with non-ASCII characters as its UTF-8 read as Latin-1, once or twice, or in bytes escaped', () => {
    const password = 'pässwörd-✓-🧠';
    const latin1 = Buffer.from(password).toString('latin1');
    for (const echoed of [latin1, Buffer.from(latin1).toString('latin1'), encode(password, [['as Python bytes', 0, false]])]) {
      expect(redact(`bad password ${echoed}.`, [password])).toBe('bad password [redacted].');
    }
  });

  it('in layers, a reference without ";" next to a character escaped one layer deeper', () => {
    // Read a layer at a time, `&#x61` ends at the `%` of `%2561`; peeling `%25…` at once would let it run into that "a".
    expect(redact('<%26%23x61%252561a%26%23x61>', ['aaaa'])).toBe('<[redacted]>');
  });

  it('in Headers, percent-encoded twice', () => {
    const headers = redact(new Headers({ 'x-echo': `token=${each('percent-encoded twice')}` }), [key]);
    expect(headers.get('x-echo')).toBe('token=[redacted]');
  });

  it('a short secret decoded, as a whole token only', () => {
    expect(redact('key=%61%62%63&x', ['abc'])).toBe('key=[redacted]&x');
    expect(redact('x%61%62%63y', ['abc'])).toBe('x%61%62%63y');
  });

  it('a byte that is no UTF-8 as its Latin-1 character (a form encoded as ISO-8859-1)', () => {
    expect(redact('p=p%E4ss&x', ['päss'])).toBe('p=[redacted]&x');
  });

  it('bytes as UTF-8 only where they are valid UTF-8: not overlong, not past U+10FFFF', () => {
    expect(redact('a%E0%80%AFbcd sk-live-123', ['a/bcd', 'sk-live-123'])).toBe('a%E0%80%AFbcd [redacted]');
    expect(redact('%F4%90%80%80 sk-live-123', ['sk-live-123'])).toBe('%F4%90%80%80 [redacted]');
  });

  it('a byte that cannot begin UTF-8 as its Latin-1 character: %B0%B1 is "°±", not "б"', () => {
    expect(redact('k=sk-%B0%B1live&', ['sk-°±live'])).toBe('k=[redacted]&');
    expect(redact('k=sk-%B0%B1live&', ['sk-бlive'])).toBe('k=sk-%B0%B1live&');
  });

  it('a reference past U+10FFFF as it is: "&#x" before a hex key leaves the key whole', () => {
    expect(redact('id=&#x4f9a1c7e5b3d8a2f end', ['4f9a1c7e5b3d8a2f'])).toBe('id=&#x[redacted] end');
  });

  it('characters at the edges of each UTF-8 length (U+0080, U+07FF, U+0800, U+10000, U+10FFFF), as bytes or references', () => {
    for (const char of ['\u0080', '\u07ff', '\u0800', '\u{10000}', '\u{10ffff}']) {
      const key = `sk-${char}-live`;
      expect(redact(`k=${encodeURIComponent(key)}&`, [key])).toBe('k=[redacted]&');
      expect(redact(`k=sk-&#x${char.codePointAt(0)!.toString(16)};-live&`, [key])).toBe('k=[redacted]&');
    }
  });

  it('past a reference it cannot decode, still where the text was: around it and inside it', () => {
    expect(redact('&#x110000; key=%73%6b%2d%6c%69%76%65 end', ['sk-live'])).toBe('&#x110000; key=[redacted] end');
    expect(redact('&#x110000;%61bc', ['110000;abc'])).toBe('&#x[redacted]');
  });

  it('in letters whose lower case is longer (İ) or depends on their place (final Σ)', () => {
    expect(redact('İ: SK-LIVE-123 İ', ['sk-live-123'])).toBe('İ: [redacted] İ');
    expect(redact('password ΣΟΦΟΣ', ['σοφοσ'])).toBe('password [redacted]');
  });

  describe('where an escape begun before it swallows its first characters', () => {
    const hexKey = '4f9a1c7e5b3d8a2f';

    it('verbatim after "%": with the "%", which reads as one escape with its first two', () => {
      expect(redact(`id=%${hexKey} end`, [hexKey])).toBe('id=[redacted] end');
    });

    it('with later characters escaped, read as "%4f…" is "O…": the escape that took them goes too', () => {
      expect(redact(`id=%4f9a&#49;c7e5b3d8a2f end`, [hexKey])).toBe('id=[redacted] end');
      expect(redact(`id=\\u${hexKey.slice(0, 4)}%31c7e5b3d8a2f end`, [hexKey])).toBe('id=[redacted] end');
    });

    it('when the escape that took them decodes to the character it took (`%33` before "33…")', () => {
      const password = '33&&é&&&';
      // The password read as Latin-1 twice, after "%25": the first pass leaves "%33&&Ã©&&&", the second "3&&é&&&".
      expect(redact(`id=%25${Buffer.from(Buffer.from(password).toString('latin1')).toString('latin1')}.`, [password])).toBe(
        'id=[redacted].',
      );
    });

    it('while the same characters with no escape before them are not the key', () => {
      expect(redact('id=xx9a1c7e5b3d8a2f end', [hexKey])).toBe('id=xx9a1c7e5b3d8a2f end');
    });
  });

  describe('where a key ending in the start of an escape runs into what follows', () => {
    it.each([
      [
        'the escape that took its last character goes too (`…%` + `41`)',
        'key sk-live-12%41 end',
        'sk-live-12%',
        'key [redacted] end',
      ],
      [
        'even where a character of the key matched before it (`&` + `%41`)',
        'key sk-live-12&%41 end',
        'sk-live-12&%',
        'key [redacted] end',
      ],
      ['other characters after its start are not the key', 'key sk-live-12X end', 'sk-live-12%', 'key sk-live-12X end'],
      ['an escape after only a part of it is not the key', 'key sk-liv%41 end', 'sk-live-12%', 'key sk-liv%41 end'],
      [
        'only an escape that starts within 12 characters of its end counts',
        'key a&bcd%41 end',
        'a&bcdefghijklmnop',
        'key a&bcd%41 end',
      ],
      [
        'a key of 5 that may lose 1 character loses it at one end only: not the "%" when the "a" may go',
        'key abcd&amp; end',
        'abcd%',
        'key abcd&amp; end',
      ],
      ['the same key, echoed with its "%" escaped', 'key abcd%25 end', 'abcd%', 'key [redacted] end'],
    ])('%s', (_, text, key, expected) => {
      expect(redact(text, [key])).toBe(expected);
    });
  });
});

describe('secrets of any length a header can hold', () => {
  // 16 KB of varied characters (a few of them non-ASCII), from a fixed seed.
  let seed = 7;
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.äé✓';
  const key = Array.from({ length: 16_384 }, () => ALPHABET[(seed = (seed * 48_271) % 2_147_483_647) % ALPHABET.length]).join('');
  const around = (echoed: string) => `status 401 request-id abc: invalid key "${echoed}" (see https://docs.example/keys)`;
  const mixture: Choice[] = Object.keys(FORMS).map((form) => [form as Form, 1, true]);

  it.each([
    ...Object.keys(FORMS).map((form) => [form, encode(key, [[form as Form, 1, true]])]),
    ['in a mixture of every form', encode(key, mixture)],
    ...Object.keys(LAYERS).map((layer) => [`in a mixture, ${layer}`, encode(key, mixture, [layer as Layer])]),
  ])('a 16 KB key echoed %s: the text around it stays readable', (_, echoed) => {
    expect(redact(around(echoed), [key])).toBe(around('[redacted]'));
  });

  it.each([6_100, 8_192, 16_384])('a %i-character token (a JWT) leaves the error readable, not "[unreadable]"', (length) => {
    const jwt = `eyJhbGciOiJIUzI1NiJ9.${'eyJzdWIiOiIxMjM0NTY3ODkwIn0'.repeat(700)}`.slice(0, length);
    const body = { status: 401, message: `invalid token ${jwt}`, echo: [encodeURIComponent(`Bearer ${jwt}`)] };
    expect(redact(body, [jwt, `Bearer ${jwt}`])).toEqual({
      status: 401,
      message: 'invalid token [redacted]',
      echo: ['[redacted]'],
    });
  });

  it('a repetitive key whose first partial match starts early is redacted whole', () => {
    const jwt = `eyJ${'A'.repeat(16_000)}`;
    expect(redact(`got ${jwt} end`, [jwt])).toBe('got [redacted] end');
  });
});

describe('takes time linear in the text', () => {
  // No clock: what is counted is how many times the text is read whole (each view of it is
  // lower-cased once), and the near misses below are what a quadratic search would choke on.
  function wholeReads(text: string, secrets: string[]): number {
    const lower = vi.spyOn(String.prototype, 'toLowerCase');
    try {
      redact(text, secrets);
      return lower.mock.contexts.filter((context) => String(context).length > 100_000).length;
    } finally {
      lower.mockRestore();
    }
  }

  const MB = 'a'.repeat(1 << 20);

  it.each([
    ['a 16 KB near miss at its end', `${'a'.repeat(16_383)}b`],
    ['a 16 KB near miss in its middle', `${'a'.repeat(8_000)}b${'a'.repeat(8_000)}`],
  ])('redacts 1 MB of "a" with %s: nothing when it is absent, it alone when present', (_, secret) => {
    expect(redact(MB, [secret])).toBe(MB);
    expect(redact(`${MB}${secret}${MB}`, [secret])).toBe(`${MB}[redacted]${MB}`);
    expect(wholeReads(MB, [secret])).toBe(1);
  });

  it('does not read a text at all when there is no secret to look for', () => {
    expect(wholeReads(MB, [])).toBe(0);
    expect(wholeReads(MB, [''])).toBe(0);
  });

  it('reads a text a bounded number of times, however deep its layers of escapes go', () => {
    // "A" escaped `depth` times, percent and HTML in turn, repeated over 1 MB.
    const layered = (depth: number) => {
      let echoed = 'A';
      for (let i = 0; i < depth; i++)
        echoed = i % 2 ? echoed.replaceAll('%', '&#37;') : echoed.replaceAll('&', '%26').replace(/^A$/, '%41');
      return `${echoed} `.repeat(Math.ceil(2 ** 20 / (echoed.length + 1)));
    };
    const shallow = wholeReads(layered(4), ['AAAA']);
    const deep = wholeReads(layered(40), ['AAAA']);
    expect(shallow).toBe(5); // as it is, then one view per layer
    expect(deep).toBe(wholeReads(layered(80), ['AAAA']));
    expect(deep).toBeLessThanOrEqual(17); // as it is, then 8 layers a pass, then 8 more with nesting taken at once
    const [once] = layered(4).split(' ');
    expect(once).toBe('&#37;26#37;41');
    expect(redact(`${once} ${once}`, ['A'])).toBe('[redacted] [redacted]');
  });
});

describe('never lets a secret through, in any decoded form (property)', () => {
  // No `%` or `\` in these secrets: mixed with escaped neighbours, they read as escapes themselves
  // (the examples above cover them). Secrets meant as whole tokens only (under 4 characters) are left out.
  const ALPHABET = [...'&;abcdefxyzABKZ0123456789-_./=:~!*$@+ "\'(),', 'ä', 'ö', 'é', 'ß', 'ñ', '✓', '€', '🧠'];
  const PLAIN = [...'abcxyzK0129 .,:-_/()[]{}"\'\n'];
  const OPENERS = [
    '%',
    '%2',
    '%25',
    '%26',
    '%C3',
    '%00',
    '&',
    '&#',
    '&#x',
    '&amp;',
    '&amp;#',
    '&lt',
    '&comma',
    '\\',
    '\\u',
    '\\u00',
  ];
  const HOSTILE = [...PLAIN, ...OPENERS, '\\x', 'Ã', 'â', 'ð', '\0', '#', ';', 'x', 'u', '0', 'f', 'a', 'b'];
  const echoes = (minLength: number) =>
    fc.record({
      secret: fc.string({ unit: fc.constantFrom(...ALPHABET), minLength, maxLength: 40 }),
      choices: fc.array(fc.tuple(fc.constantFrom(...(Object.keys(FORMS) as Form[])), fc.nat(11), fc.boolean()), {
        minLength: 1,
        maxLength: 6,
      }),
      layers: fc.array(fc.constantFrom(...(Object.keys(LAYERS) as Layer[])), { maxLength: 3 }),
    });
  const text = (units: string[]) => fc.string({ unit: fc.constantFrom(...units), maxLength: 12 });

  it('for any secret, echoed in any mixture of forms under up to 3 layers, in any text', () => {
    fc.assert(
      fc.property(echoes(4), text(PLAIN), text(PLAIN), ({ secret, choices, layers }, before, after) => {
        const input = `${before}${encode(secret, choices, layers, after)}${after}`;
        expect(shows(input, secret)).toBe(true);
        expect(shows(redact(input, [secret]), secret)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('for a secret of 12 characters or more, even right after the start of an escape that swallows its first characters', () => {
    // A shorter secret leaves too little to find once an escape has taken up to 9 of its characters.
    fc.assert(
      fc.property(echoes(12), text(HOSTILE), text(HOSTILE), ({ secret, choices, layers }, before, after) => {
        const input = `${before}${encode(secret, choices, layers, after)}${after}`;
        // Some neighbours make the echo read as something else in every decoding: nothing to find then.
        fc.pre(shows(input, secret));
        expect(shows(redact(input, [secret]), secret)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('leaves a text alone where the secret does not show (property)', () => {
  // Texts pieced together from parts of the secret and other characters, with nothing a reader
  // would decode: a search that took scattered or partial pieces for the secret would cut here.
  const UNITS = [...'abcxyzABK0129-_./=:~!*$@ "\'(),', '✓', '€', '🧠'];
  const piece = fc.oneof(fc.tuple(fc.nat(), fc.nat()), fc.constantFrom(...UNITS));

  it('for any secret of 4 characters or more, in any text made of its pieces', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...UNITS), minLength: 4, maxLength: 30 }),
        fc.array(piece, { maxLength: 12 }),
        (secret, pieces) => {
          const text = pieces
            .map((part) =>
              typeof part === 'string' ? part : secret.slice(part[0] % secret.length).slice(0, 1 + (part[1] % secret.length)),
            )
            .join('');
          fc.pre(!shows(text, secret));
          expect(redact(text, [secret])).toBe(text);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('mayHold: the check that spares a 2xx body the search', () => {
  const secret = 'sk-Live/9f+3Q';

  it('is false for a body without escapes that does not show the secret', () => {
    expect(mayHold('{"memory_id":"mem_1","memory":"Likes tea","topics":["tea"]}', [secret, `Bearer ${secret}`])).toBe(false);
  });

  it('is true where the secret shows as it is, in any case and with + as a space, or where either holds an escape', () => {
    expect(mayHold('{"m":"SK-LIVE/9F 3q"}', [secret])).toBe(true);
    expect(mayHold('{"m":"\\u0073k"}', [secret])).toBe(true);
    expect(mayHold('{"m":"a%20b"}', [secret])).toBe(true);
    expect(mayHold('{"m":"tea"}', ['sk&amp;1'])).toBe(true);
    expect(mayHold('{"m":"caf\u00e9"}', [secret])).toBe(true);
  });

  it('is true when any one of several secrets may be there, and for an escape at the very start', () => {
    expect(mayHold('{"m":"ok sk-Live/9f+3Q"}', ['Bearer sk-Live/9f+3Q', secret])).toBe(true);
    expect(mayHold('%73k-Live/9f+3Q', [secret])).toBe(true);
  });

  it('is true where the secret holds a character JSON writes as an escape of its own (a tab as \\t)', () => {
    for (const key of ['pass\tword', 'a\nb\rc', 'x\by\fz']) {
      expect(mayHold(JSON.stringify({ m: `echo ${key}` }), [key])).toBe(true);
    }
  });

  it('is false only where redact changes nothing in any string of the JSON (property)', () => {
    // Mostly characters with no escape in them (a body with one is always searched), in either case.
    const UNITS = [...'abkLV019-_/+ =."', 'é', 'İ', 'Σ', 'ς', '\\', '%', '&'];
    const piece = (key: string) =>
      fc.oneof(
        fc.string({ unit: fc.constantFrom(...UNITS), maxLength: 6 }),
        fc.tuple(fc.nat(), fc.nat(), fc.boolean()).map(([from, length, upper]) => {
          const part = key.slice(from % key.length, (from % key.length) + 1 + (length % key.length));
          return upper ? part.toUpperCase() : part;
        }),
      );
    const cases = fc
      .string({ unit: fc.constantFrom(...UNITS), minLength: 1, maxLength: 8 })
      .chain((key) => fc.tuple(fc.constant(key), fc.array(fc.array(piece(key), { maxLength: 3 }), { maxLength: 4 })));
    fc.assert(
      fc.property(cases, ([key, strings]) => {
        // Each string a value, and its first piece a key too.
        const value = Object.fromEntries(strings.map((parts, i) => [`${parts[0] ?? ''}${i}`, parts.join('')]));
        fc.pre(!mayHold(JSON.stringify(value), [key]));
        expect(redact(value, [key])).toEqual(value);
      }),
      { numRuns: 3000 },
    );
  });
});
