import { describe, expect, it } from 'vitest';
import { readBounded } from '../../src/core/bounded-body.js';

/** A stream of `chunks` (their sizes in bytes), which records whether it was cancelled. */
function body(chunks: number[], onPull?: (index: number) => void) {
  const state = { cancelled: false, pulled: 0 };
  const stream = new ReadableStream<Uint8Array<ArrayBuffer>>({
    pull(controller) {
      onPull?.(state.pulled);
      const size = chunks[state.pulled++];
      if (size === undefined) controller.close();
      else controller.enqueue(new Uint8Array(size).fill(state.pulled));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

describe('readBounded', () => {
  it('reads every chunk of a body up to the limit, exactly at it included', async () => {
    const { stream, state } = body([2, 3]);
    const read = await readBounded(stream, 5, new AbortController().signal);
    expect([...read!]).toEqual([1, 1, 2, 2, 2]);
    expect(state.cancelled).toBe(false);
  });

  it('stops at the first chunk past the limit, cancelling the stream', async () => {
    const { stream, state } = body([2, 3, 1, 100]);
    await expect(readBounded(stream, 5, new AbortController().signal)).resolves.toBeUndefined();
    expect(state.cancelled).toBe(true);
  });

  it("rejects with the signal's reason once it aborts, cancelling the stream", async () => {
    const controller = new AbortController();
    const reason = new Error('attempt over');
    const { stream, state } = body([1, 1, 1], (index) => index === 1 && controller.abort(reason));
    await expect(readBounded(stream, 100, controller.signal)).rejects.toBe(reason);
    expect(state.cancelled).toBe(true);
  });
});
