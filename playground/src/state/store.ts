/**
 * A small observable store: one immutable state object replaced by `set`, listeners told after
 * each change. Elements subscribe (components/store-controller.ts) and only render what it holds.
 */
export class Store<S extends object> {
  #state: S;
  readonly #listeners = new Set<(state: S) => void>();

  constructor(initial: S) {
    this.#state = initial;
  }

  get state(): S {
    return this.#state;
  }

  /** Replaces the given fields (a function sees the current state) and tells every listener. */
  set(patch: Partial<S> | ((state: S) => Partial<S>)): void {
    const p = typeof patch === "function" ? patch(this.#state) : patch;
    this.#state = { ...this.#state, ...p };
    for (const l of this.#listeners) l(this.#state);
  }

  subscribe(listener: (state: S) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
