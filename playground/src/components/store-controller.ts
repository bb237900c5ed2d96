/** Connects a Lit element to a store: it re-renders whenever the store changes (Lit batches the updates). */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { Store } from "../state/store.ts";

export class StoreController<S extends object> implements ReactiveController {
  #unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly store: Store<S>,
  ) {
    host.addController(this);
  }

  get state(): S {
    return this.store.state;
  }

  hostConnected(): void {
    this.#unsubscribe = this.store.subscribe(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
