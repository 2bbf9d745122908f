import { MemwireError } from './memwire-error.js';

export interface ConnectionErrorOptions {
  cause: unknown;
  attempts: number;
  origin: string;
}

/** No response came back: the connection was refused or dropped, or DNS failed. */
export class ConnectionError extends MemwireError {
  override name = 'ConnectionError';
  /** How many attempts were made, retries included. */
  declare readonly attempts: number;
  /** The origin it tried to reach (`http://127.0.0.1:4010`): a wrong `baseUrl` shows here. */
  declare readonly origin: string;

  constructor(message: string, options: ConnectionErrorOptions) {
    super(message, { cause: options.cause });
    this.attempts = options.attempts;
    this.origin = options.origin;
  }
}
