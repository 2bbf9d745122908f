// The forms in which a hostile server may echo a secret back, beyond the plain text: each one a
// server or a URL can carry. Shared by the hostile suites, the soak and the secret search, so that
// what is echoed is also what is looked for.

const hex = (code: number) => code.toString(16);

/** Named character references for the ASCII punctuation a key may hold; letters and digits have none. */
const NAMED: Record<string, string> = {
  '-': '&hyphen;',
  _: '&lowbar;',
  '.': '&period;',
  '/': '&sol;',
  '+': '&plus;',
  '=': '&equals;',
  ':': '&colon;',
  '~': '&tilde;',
};

/** Each new form, by name: a function of the secret. */
export const ENCODINGS: [string, (secret: string) => string][] = [
  // UTF-16 read as bytes: a NUL after every (ASCII) letter, as the character and as JSON's escape.
  ['UTF-16 (a NUL between letters)', (secret) => [...secret].join('\0')],
  ['UTF-16 with \\u0000 escapes', (secret) => [...secret].join('\\u0000')],
  ['HTML decimal references', (secret) => [...secret].map((char) => `&#${char.codePointAt(0)};`).join('')],
  [
    'HTML hex references, upper-case X, leading zeros',
    (secret) => [...secret].map((char) => `&#X00${hex(char.codePointAt(0)!)};`).join(''),
  ],
  ['HTML named references where there are', (secret) => [...secret].map((char) => NAMED[char] ?? char).join('')],
  [
    'percent-encoded twice',
    (secret) => encodeURIComponent(encodeURIComponent(secret).replace(/[!'()*~._-]/g, (char) => `%${hex(char.charCodeAt(0))}`)),
  ],
  [
    'percent-encoded three times, every character',
    (secret) => [...secret].map((char) => `%2525${hex(char.charCodeAt(0)).padStart(2, '0')}`).join(''),
  ],
  [
    'a mixture: literal, HTML, percent-twice and \\u escapes, by turns',
    (secret) =>
      [...secret]
        .map(
          (char, i) =>
            [
              char,
              `&#${char.codePointAt(0)};`,
              `%25${hex(char.charCodeAt(0)).padStart(2, '0')}`,
              `\\u00${hex(char.charCodeAt(0)).padStart(2, '0')}`,
            ][i % 4],
        )
        .join(''),
  ],
];
