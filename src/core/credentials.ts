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

/** Produces the credentials for one attempt. */
export type CredentialSource = () => Promise<Credentials>;

/** `Authorization: Bearer <key>` from an `apiKey` option. */
export function bearerAuth(apiKey: ApiKey): CredentialSource {
  if (typeof apiKey === 'function') {
    return async () => {
      let key: unknown;
      try {
        key = await apiKey();
      } catch (error) {
        throw new MemwireError('The apiKey function failed', { cause: error });
      }
      return bearerCredentials(key);
    };
  }
  const credentials = bearerCredentials(apiKey);
  return () => Promise.resolve(credentials);
}

function bearerCredentials(key: unknown): Credentials {
  if (typeof key !== 'string' || key === '') {
    throw new InvalidArgumentError('apiKey must be a non-empty string, or a function that returns one');
  }
  const authorization = headerValue('Authorization', `Bearer ${key}`);
  return { authorization, secrets: [key, authorization] };
}
