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
    if (!records) this.#scopes.set(scope, (records = new Map<string, T>()));
    records.set(id, structuredClone(value));
  }

  /**
   * Copies of a scope's records, in the order their ids were first stored.
   *
   * @example
   * store.list('ws_1'); // [{ text: 'hi' }]
   */
  list(scope: string | null): T[] {
    return [...(this.#scopes.get(scope)?.values() ?? [])].map((value) => structuredClone(value));
  }

  /**
   * A copy of the record with this id in whichever scope holds it (the first scope created,
   * should several), for fakes whose ids are unique across scopes.
   *
   * @example
   * store.find('mem_1'); // { text: 'hi' }
   */
  find(id: string): T | undefined {
    for (const records of this.#scopes.values()) {
      const value = records.get(id);
      if (value !== undefined) return structuredClone(value);
    }
    return undefined;
  }

  clear(): void {
    this.#scopes.clear();
  }
}
