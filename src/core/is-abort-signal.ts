/**
 * Whether `value` can be listened to as an AbortSignal. Duck-typed, since a signal from another
 * realm or a polyfill is not the global class; `{ aborted: false }` or an AbortController is not
 * one, and would fail later as a bare TypeError.
 */
export function isAbortSignal(value: unknown): value is AbortSignal {
  try {
    const signal = value as AbortSignal;
    return (
      typeof signal.aborted === 'boolean' &&
      typeof signal.addEventListener === 'function' &&
      typeof signal.removeEventListener === 'function'
    );
  } catch {
    return false; // null, a primitive without the properties, or a throwing getter
  }
}
