import { InvalidArgumentError } from './errors/invalid-argument-error.js';
import { MemwireError } from './errors/memwire-error.js';
import { headerValue } from './headers.js';

/** An API key, or a function that returns one; the function is asked again for every attempt. */
export type ApiKey = string | (() => string | Promise<string>);

/** What one attempt authenticates with, and the strings no error may ever show. */
export interface Credentials {
  authorization: string;
  secrets: string[];
}

/** Produces the credentials for one attempt: at once for a fixed key, or later from a function. */
export type CredentialSource = () => Credentials | Promise<Credentials>;

/**
 * `Authorization: Bearer <key>` from the `apiKey` option (its environment variable filled in):
 * a missing or empty key is named as such, with the variable that would give one.
 */
export function keyAuth(apiKey: ApiKey | undefined, variable: string): CredentialSource {
  if (apiKey === undefined) throw new InvalidArgumentError(`no API key: pass the apiKey option, or set ${variable}`);
  if (apiKey === '')
    throw new InvalidArgumentError(`the apiKey option is empty: pass a key, or leave it out to read ${variable}`);
  return schemeAuth('Bearer', apiKey);
}

/**
 * `Authorization: <scheme> <key>` (`Bearer`, `ApiKey`…), the key from a string or asked of a function for every
 * attempt. A function that throws gives a `MemwireError` with the original as `cause`.
 */
export function schemeAuth(scheme: string, apiKey: ApiKey): CredentialSource {
  if (typeof apiKey === 'function') {
    return async () => {
      let key: unknown;
      try {
        key = await apiKey();
      } catch (error) {
        throw new MemwireError('The apiKey function failed', { cause: error });
      }
      return schemeCredentials(scheme, key);
    };
  }
  const credentials = schemeCredentials(scheme, apiKey);
  return () => credentials;
}

/** `Authorization: Basic <base64(username:password)>`, the pair encoded as UTF-8. */
export function basicAuth(username: unknown, password: unknown): CredentialSource {
  if (typeof username !== 'string' || username === '' || username.includes(':') || typeof password !== 'string') {
    throw new InvalidArgumentError('Basic auth needs a non-empty username without ":" and a password string');
  }
  const token = btoa(String.fromCharCode(...new TextEncoder().encode(`${username}:${password}`)));
  // The token without its padding (base64 has = only there), and in base64url, covers the ways a
  // server may re-encode it. An empty password is no secret: redact() skips empty strings.
  const unpadded = token.replace(/=+/, '');
  const secrets = [password, token, unpadded, unpadded.replace(/\+/g, '-').replace(/\//g, '_')];
  const credentials = { authorization: `Basic ${token}`, secrets };
  return () => credentials;
}

function schemeCredentials(scheme: string, key: unknown): Credentials {
  if (typeof key !== 'string' || key === '') {
    throw new InvalidArgumentError('The key must be a non-empty string, or a function that returns one');
  }
  const authorization = headerValue('Authorization', `${scheme} ${key}`);
  return { authorization, secrets: [key, authorization] };
}
