/** A route: an HTTP method and a path pattern such as `/api/v1/memories/:memory_id`. */
export interface Route<H> {
  readonly method: string;
  /** Pattern segments; one starting with `:` captures a whole (non-empty) decoded segment. */
  readonly pattern: readonly string[];
  readonly handler: H;
}

/** What {@link matchRoute} found for a request. */
export type RouteMatch<H> =
  | { readonly kind: 'found'; readonly handler: H; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly string[] }
  | { readonly kind: 'not-found' };

/**
 * Builds a {@link Route} from a method and a `/`-separated pattern.
 *
 * @example
 * route('PUT', '/api/v1/memories/:memory_id', handler);
 */
export function route<H>(method: string, pattern: string, handler: H): Route<H> {
  return { method: method.toUpperCase(), pattern: pattern.split('/').filter((s) => s !== ''), handler };
}

/**
 * The router's pattern for an OpenAPI path template: each `{name}` becomes `:name`.
 *
 * @example
 * routePattern('/api/v1/memories/{memory_id}/replace'); // '/api/v1/memories/:memory_id/replace'
 */
export function routePattern(template: string): string {
  return template.replace(/\{([^{}/]+)\}/g, ':$1');
}

/**
 * Finds the route for a method and decoded path segments. Like Starlette, a path that some route
 * owns but not for this method is "method not allowed" (405), and a parameter never matches an
 * empty segment, so `/api/v1/memories/` is not found.
 *
 * @example
 * matchRoute(routes, 'PUT', ['api', 'v1', 'memories', 'a/b']);
 * // { kind: 'found', handler, params: { memory_id: 'a/b' } }
 */
export function matchRoute<H>(routes: readonly Route<H>[], method: string, segments: readonly string[]): RouteMatch<H> {
  const allow: string[] = [];
  for (const candidate of routes) {
    const params = matchPattern(candidate.pattern, segments);
    if (!params) continue;
    if (candidate.method === method.toUpperCase()) return { kind: 'found', handler: candidate.handler, params };
    allow.push(candidate.method);
  }
  return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
}

/**
 * Whether any route's pattern matches these segments, whatever the method.
 *
 * @example
 * ownsSegments(routes, ['api', 'v1', 'memories', 'mem_1']); // true
 */
export function ownsSegments(routes: readonly Route<unknown>[], segments: readonly string[]): boolean {
  return routes.some((candidate) => matchPattern(candidate.pattern, segments) !== undefined);
}

function matchPattern(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const segment = segments[index] as string;
    if (part.startsWith(':')) {
      if (segment === '') return undefined;
      params[part.slice(1)] = segment;
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}
