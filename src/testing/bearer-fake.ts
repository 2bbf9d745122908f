import { systemClock, type Clock } from '../core/clock.js';
import { bearer, isAuthorized, requireSecret } from './auth.js';
import { FakeServer } from './fake-server.js';

/** The options of every fake that takes one API key as `Authorization: Bearer <apiKey>`. */
export interface BearerFakeOptions {
  /** The only key the fake accepts, as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  /** Where the fake is mounted (the msw handlers intercept requests under it). Default: the provider's API. */
  baseUrl?: string;
  /** Time for timestamps and for `delayNext`. Default: the system clock. */
  clock?: Clock;
}

/** What a provider tells {@link BearerFake} about itself. */
export interface BearerFakeProvider {
  /** The class name, for constructor errors. */
  readonly name: string;
  /** The provider's public API origin. */
  readonly defaultBaseUrl: string;
  /** The message of its 401, in its own error body. */
  readonly unauthorizedMessage: string;
}

/**
 * A {@link FakeServer} for a hosted API with one bearer key (Mielto, MemoryLayer, Supermemory):
 * the key checked exactly (else a 401 with `WWW-Authenticate: Bearer` and the provider's message)
 * and `x-request-id: req_<n>` on every response.
 *
 * @example
 * class AcmeFake extends BearerFake<{ id: string }, { id: string }> {
 *   constructor(options: BearerFakeOptions) {
 *     super(options, { name: 'AcmeFake', defaultBaseUrl: 'https://api.acme.test', unauthorizedMessage: 'Unauthorized' });
 *   }
 *   protected errorBody(_status: number, message: string) {
 *     return { error: message };
 *   }
 *   protected seedRecords(seed: { id: string }) {
 *     return [{ scope: null, id: seed.id, record: seed }];
 *   }
 * }
 */
export abstract class BearerFake<Seed, Stored> extends FakeServer<Seed, Stored> {
  readonly #authorization: string;
  readonly #unauthorizedMessage: string;

  protected constructor(options: BearerFakeOptions, provider: BearerFakeProvider) {
    super({
      baseUrl: options.baseUrl ?? provider.defaultBaseUrl,
      clock: options.clock ?? systemClock,
      requestIdHeader: 'x-request-id',
    });
    this.#authorization = bearer(requireSecret(provider.name, 'apiKey', options.apiKey));
    this.#unauthorizedMessage = provider.unauthorizedMessage;
  }

  protected override authorize(request: Request): Response | undefined {
    if (isAuthorized(request, [this.#authorization])) return undefined;
    return this.errorResponse(401, this.#unauthorizedMessage, { 'www-authenticate': 'Bearer' });
  }
}
