/**
 * Records kept per scope (Mielto's workspace, a container, a tenant…), where `null` is the default
 * scope. Values are deep-copied in and out, so callers cannot change stored state by accident.
 *
 * @example
 * const store = new ScopedStore<{ text: string }>();
 * store.set('ws_1', 'mem_1', { text: 'hi' });
 * store.get('ws_1', 'mem_1'); // { text: 'hi' }
 * store.get(null, 'mem_1'); // undefined
 */
export class ScopedStore<T> {
  readonly #scopes = new Map<string | null, Map<string, T>>();

  get(scope: string | null, id: string): T | undefined {
    const value = this.#scopes.get(scope)?.get(id);
    return value === undefined ? undefined : structuredClone(value);
  }

  set(scope: string | null, id: string, value: T): void {
    let records = this.#scopes.get(scope);
    if (!records) this.#scopes.set(scope, (records = new Map()));
    records.set(id, structuredClone(value));
  }

  clear(): void {
    this.#scopes.clear();
  }
}
