/**
 * A response body read chunk by chunk, holding at most `limit` bytes: past it, or when `signal`
 * aborts, the stream is cancelled at once (which closes the connection), so an endless body
 * neither fills memory nor keeps the connection busy. Resolves `undefined` when the body passed
 * the limit; rejects with the signal's reason when it aborted.
 */
export async function readBounded(
  body: ReadableStream<Uint8Array<ArrayBuffer>>,
  limit: number,
  signal: AbortSignal,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const reader = body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    // The signal is checked too: a fetch that ignores it must still stop reading once the attempt is over.
    if (size > limit || signal.aborted) {
      reader.cancel().catch(() => {});
      if (signal.aborted) throw signal.reason;
      return undefined;
    }
    chunks.push(value);
  }
  return concat(chunks, size);
}

/** The chunks copied into one array (never kept: a stream's chunk may be its maker's): a Blob would copy twice, asynchronously. */
function concat(chunks: Uint8Array<ArrayBuffer>[], size: number): Uint8Array<ArrayBuffer> {
  const whole = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return whole;
}
