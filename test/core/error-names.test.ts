import { describe, expect, it } from 'vitest';
import * as memwire from '../../src/index.js';

// Every exported error class names itself: `error.name` is what logs and `JSON.stringify` show,
// and what code that cannot use instanceof (another realm, a serialized error) compares.
const errorClasses = Object.entries(memwire).filter(
  (entry): entry is [string, typeof memwire.MemwireError] =>
    typeof entry[1] === 'function' && (entry[1] === memwire.MemwireError || entry[1].prototype instanceof memwire.MemwireError),
);

describe('error names', () => {
  it('covers every error class memwire exports', () => {
    expect(errorClasses.map(([name]) => name).sort()).toEqual(
      [
        'AbortError',
        'ApiError',
        'AuthenticationError',
        'BadRequestError',
        'ConflictError',
        'ConnectionError',
        'HookError',
        'InvalidArgumentError',
        'InvalidResponseError',
        'MemwireError',
        'NotFoundError',
        'PaymentRequiredError',
        'PermissionDeniedError',
        'RateLimitError',
        'ServerError',
        'TimeoutError',
        'ValidationError',
      ].sort(),
    );
  });

  it.each(errorClasses)('%s names itself', (name, ErrorClass) => {
    const Class: unknown = ErrorClass;
    const init = { message: 'm', status: 400, headers: new Headers(), body: null, attempts: 1 };
    const error =
      ErrorClass.prototype instanceof memwire.ApiError
        ? new (ErrorClass as unknown as typeof memwire.ApiError)(init)
        : Class === memwire.ApiError
          ? new memwire.ApiError(init)
          : ErrorClass.prototype instanceof memwire.ConnectionError || Class === memwire.ConnectionError
            ? new (ErrorClass as unknown as typeof memwire.ConnectionError)('m', {
                cause: null,
                attempts: 1,
                origin: 'https://a.test',
              })
            : Class === memwire.HookError
              ? new memwire.HookError('m', { hook: 'beforeRequest', applied: 'no', cause: null })
              : new ErrorClass('m');
    expect(error.name).toBe(name);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name, message: 'm' });
    expect(String(error)).toBe(`${name}: m`);
  });
});
