// Sending calls and tallying what became of them: how many completed, how many failed and with
// which errors (by name, with one message each, so a row can say why its calls failed).
import { performance } from 'node:perf_hooks';

/** `count` calls at once, all on `signal`: completed and failed counts, errors, wall time. */
export async function burst(count, update, signal) {
  const started = performance.now();
  const outcomes = await Promise.allSettled(Array.from({ length: count }, () => update(signal)));
  const tally = { completed: 0, failed: 0, errors: {}, wallMs: performance.now() - started };
  for (const outcome of outcomes) {
    if (outcome.status === 'fulfilled') tally.completed++;
    else countError(tally, outcome.reason);
  }
  return tally;
}

/** One call: `{ ok: true }` or `{ ok: false, error }` (its name and message), never a rejection. */
export async function settle(call) {
  try {
    await call;
    return { ok: true };
  } catch (error) {
    return { ok: false, error: describe(error) };
  }
}

function countError(tally, error) {
  tally.failed++;
  const { name, message } = describe(error);
  tally.errors[name] ??= { count: 0, message };
  tally.errors[name].count++;
}

// The SDK's error classes keep the name `Error`: their class names say more.
function describe(error) {
  const name = error?.name && error.name !== 'Error' ? error.name : (error?.constructor?.name ?? typeof error);
  return { name, message: String(error?.message ?? error).slice(0, 200) };
}
