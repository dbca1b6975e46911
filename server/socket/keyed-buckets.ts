import { READ_LIMITS } from '../../shared/limits';
import { TokenBucket } from './rate-limit';

/**
 * One token bucket per key (a client id, or a board for requests that name no client), for
 * limits that must hold across a client's sockets and requests. Bounded: past `maxKeys` the
 * least recently used key is forgotten (and would start again with a full bucket), so ids
 * made up by the thousand cannot fill memory.
 */
export class KeyedBuckets {
  readonly #buckets = new Map<string, TokenBucket>();
  readonly #perSecond: number;
  readonly #burst: number;
  readonly #maxKeys: number;

  constructor(limit: { perSecond: number; burst: number }, maxKeys: number = READ_LIMITS.clientsTracked) {
    this.#perSecond = limit.perSecond;
    this.#burst = limit.burst;
    this.#maxKeys = maxKeys;
  }

  take(key: string): boolean {
    let bucket = this.#buckets.get(key);
    if (bucket) this.#buckets.delete(key);
    else bucket = new TokenBucket(this.#perSecond, this.#burst);
    // Re-inserted last: Map order is then least recently used first.
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > this.#maxKeys) {
      const oldest = this.#buckets.keys().next().value;
      if (oldest !== undefined) this.#buckets.delete(oldest);
    }
    return bucket.take();
  }
}
