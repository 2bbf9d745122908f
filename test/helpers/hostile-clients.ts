import { ENCODINGS } from './echo-encodings.js';
import { MemoryLayer, Mielto, OpenSearchMemory, Supermemory } from '../../src/index.js';
import type { ClientOptions } from '../../src/index.js';

/** A key with the characters servers escape (`/`, `+`, `=`), to catch echoes in escaped forms. */
export const KEY = 'sk-hostile/9f+3Q=Zx7';
/** A password with non-ASCII letters, which a server may echo as UTF-8 bytes read as Latin-1. */
export const PASSWORD = 'correct/hörse+battery=stäple';
/** base64 of `admin:<PASSWORD>` in UTF-8, without padding: what a Basic header carries. */
export const BASIC = Buffer.from(`admin:${PASSWORD}`).toString('base64').replace(/=+$/, '');

/** One way to call one provider, and the strings none of its errors may show. */
export interface HostileClient {
  name: string;
  /** The Authorization header it sends. */
  authorization: string;
  secrets: string[];
  /** Makes one update through `baseUrl`; `perCall` is the call's own options (a signal, say). */
  call(baseUrl: string, options?: Partial<Omit<ClientOptions, 'baseUrl'>>, perCall?: object): Promise<unknown>;
}

// No retries and no timer: these servers answer at once, and nothing waits on a clock.
const once = { maxRetries: 0, timeout: Infinity };

/** All four clients, OpenSearch with each of its three kinds of credentials. */
export const CLIENTS: HostileClient[] = [
  {
    name: 'Mielto',
    authorization: `Bearer ${KEY}`,
    secrets: [KEY],
    call: (baseUrl, options, perCall) =>
      new Mielto({ apiKey: KEY, baseUrl, ...once, ...options }).memories.update('mem_1', { memory: 'x' }, perCall),
  },
  {
    name: 'MemoryLayer',
    authorization: `Bearer ${KEY}`,
    secrets: [KEY],
    call: (baseUrl, options, perCall) =>
      new MemoryLayer({ apiKey: KEY, baseUrl, ...once, ...options }).memories.update('mem_1', { content: 'x' }, perCall),
  },
  {
    name: 'Supermemory',
    authorization: `Bearer ${KEY}`,
    secrets: [KEY],
    call: (baseUrl, options, perCall) =>
      new Supermemory({ apiKey: KEY, baseUrl, ...once, ...options }).memories.update(
        { containerTag: 'user_1', id: 'mem_1', newContent: 'x' },
        perCall,
      ),
  },
  ...(
    [
      ['basic auth', { username: 'admin', password: PASSWORD }, `Basic ${BASIC}=`, [PASSWORD, BASIC]],
      ['an API key', { apiKey: KEY }, `ApiKey ${KEY}`, [KEY]],
      ['a token', { token: KEY }, `Bearer ${KEY}`, [KEY]],
    ] as const
  ).map(([how, auth, authorization, secrets]) => ({
    name: `OpenSearch with ${how}`,
    authorization,
    secrets: [...secrets],
    call: (baseUrl: string, options?: Partial<Omit<ClientOptions, 'baseUrl'>>, perCall?: object) =>
      new OpenSearchMemory({ baseUrl, auth, ...once, ...options }).memories.update(
        'c_1',
        'long-term',
        'i_1',
        { memory: 'x' },
        perCall,
      ),
  })),
];

/** The credential inside an Authorization header: the key, or for Basic `user:password` decoded. */
export function credentialOf(authorization: string): string {
  const [scheme, value = ''] = authorization.split(' ');
  return scheme === 'Basic' ? Buffer.from(value, 'base64').toString('utf8') : value;
}

/** The forms in which a server may echo what it was sent, built from the Authorization header. */
export const ECHOES: [string, (authorization: string) => string][] = [
  ['the Authorization header', (authorization) => authorization],
  ['the bare credential (the key, or base64)', (authorization) => authorization.split(' ')[1]!],
  ['the decoded credential', credentialOf],
  ['percent-encoded', (authorization) => encodeURIComponent(credentialOf(authorization))],
  ['as JSON \\u escapes', (authorization) => unicodeEscaped(credentialOf(authorization))],
  ['JSON-escaped with \\/', (authorization) => JSON.stringify(credentialOf(authorization)).slice(1, -1).replaceAll('/', '\\/')],
  ...ENCODINGS.map(([name, encode]): (typeof ECHOES)[number] => [name, (authorization) => encode(credentialOf(authorization))]),
];

function unicodeEscaped(text: string): string {
  return text.replace(/[^]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
