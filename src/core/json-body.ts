import { InvalidArgumentError } from './errors/invalid-argument-error.js';

/** openapi-fetch's `bodySerializer`: JSON, or an `InvalidArgumentError` for what JSON cannot hold. */
export function serializeJson(body: unknown): string {
  try {
    return JSON.stringify(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidArgumentError(`The request body cannot be sent as JSON: ${reason}`, { cause: error });
  }
}

/** `value` when it is a plain JSON object (a request body), else an `InvalidArgumentError`. */
export function requireObject<T extends object>(name: string, value: T): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError(`${name} must be an object, got ${Array.isArray(value) ? 'an array' : String(value)}`);
  }
  return value;
}

/** `value` when it is a non-empty string, else an `InvalidArgumentError` naming the field. */
export function requireText(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new InvalidArgumentError(`${name} must be a non-empty string`);
  }
  return value;
}
