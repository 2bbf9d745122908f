import { MemwireError } from './memwire-error.js';

export interface ConnectionErrorOptions {
  cause: unknown;
  attempts: number;
}

/** No response came back: the connection was refused or dropped, or DNS failed. */
export class ConnectionError extends MemwireError {
  override name = 'ConnectionError';
  /** How many attempts were made, retries included. */
  declare readonly attempts: number;

  constructor(message: string, options: ConnectionErrorOptions) {
    super(message, { cause: options.cause });
    this.attempts = options.attempts;
  }
}
