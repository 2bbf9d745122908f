/**
 * Splits a raw (still percent-encoded) URL pathname on `/` and decodes each segment exactly once,
 * so an id sent as `a%2Fb` comes back as `a/b` and one sent as `%252e` comes back as `%2e`.
 * Decoding per segment (not the whole path first) is what keeps an encoded `/` inside its segment.
 * Returns `undefined` when a segment holds a malformed percent sequence such as `%zz`.
 *
 * @example
 * decodeSegments('/api/v1/memories/a%2Fb'); // ['api', 'v1', 'memories', 'a/b']
 * decodeSegments('/api/%zz'); // undefined
 */
export function decodeSegments(pathname: string): string[] | undefined {
  const decoded: string[] = [];
  for (const segment of rawSegments(pathname)) {
    const value = tryDecode(segment);
    if (value === undefined) return undefined;
    decoded.push(value);
  }
  return decoded;
}

/**
 * Like {@link decodeSegments} but never fails: a malformed segment is kept as sent. For places
 * that only need a best-effort reading (the request log, deciding which fake owns a path).
 *
 * @example
 * decodeSegmentsLeniently('/api/%zz/a%20b'); // ['api', '%zz', 'a b']
 */
export function decodeSegmentsLeniently(pathname: string): string[] {
  return rawSegments(pathname).map((segment) => tryDecode(segment) ?? segment);
}

/**
 * The decoded segments of a base URL's path, without empty ones, for use as a route prefix.
 *
 * @example
 * prefixSegments('https://proxy.example/mielto/'); // ['mielto']
 * prefixSegments('https://api.mielto.com'); // []
 */
export function prefixSegments(baseUrl: string): string[] {
  return decodeSegmentsLeniently(new URL(baseUrl).pathname).filter((segment) => segment !== '');
}

function rawSegments(pathname: string): string[] {
  // A pathname always starts with '/', so the first element of the split is always ''.
  return pathname.split('/').slice(1);
}

function tryDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
