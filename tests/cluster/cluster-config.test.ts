import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../server/config';
import { PresenceTracker, REMOTE_PRESENCE_TTL_MS } from '../../server/presence';

describe('cluster configuration from the environment', () => {
  it('turns DATABASE_URL into the postgres store and keeps REDIS_URL, schema and prefix', () => {
    const c = configFromEnv({
      DATABASE_URL: 'postgres://u:p@db:5432/grareco',
      DATABASE_SCHEMA: 'event_2026',
      REDIS_URL: 'redis://cache:6379',
      REDIS_KEY_PREFIX: 'sendai',
    });
    expect(c).toMatchObject({
      store: 'postgres',
      databaseUrl: 'postgres://u:p@db:5432/grareco',
      databaseSchema: 'event_2026',
      redisUrl: 'redis://cache:6379',
      redisKey: 'sendai',
    });
  });

  it('stays a single SQLite process without them', () => {
    const c = configFromEnv({});
    expect(c.store).toBe('sqlite');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.redisUrl).toBeUndefined();
  });

  it.each([
    [{ DATABASE_URL: 'mysql://db/x' }, /DATABASE_URL/],
    [{ REDIS_URL: 'http://cache' }, /REDIS_URL/],
    [{ GRARECO_STORE: 'postgres' }, /DATABASE_URL and GRARECO_STORE disagree/],
    [{ GRARECO_STORE: 'memory', DATABASE_URL: 'postgres://db/x' }, /disagree/],
    [{ DATABASE_URL: 'postgres://db/x', DATABASE_SCHEMA: 'x; DROP TABLE boards' }, /DATABASE_SCHEMA/],
  ])('refuses %o', (env, message) => {
    expect(() => configFromEnv(env)).toThrow(message);
  });
});

describe('presence summed over nodes', () => {
  it('adds what other nodes report, ignores bad counts, and forgets a node gone quiet', () => {
    let t = 0;
    const p = new PresenceTracker(() => t);
    p.join('b1', 'viewers');
    p.join('b1', 'recorders');
    expect(
      p.setRemote('node-2', { b1: { viewers: 40, recorders: 0 }, b2: { viewers: 3, recorders: 0 } }),
    ).toEqual(['b1', 'b2']);
    p.setRemote('node-3', { b1: { viewers: -5, recorders: 0 } });
    expect(p.of('b1')).toEqual({ viewers: 41, recorders: 1 });
    expect(p.of('b2')).toEqual({ viewers: 3, recorders: 0 });
    // The same counts again touch nothing; a changed one touches its board only.
    expect(
      p.setRemote('node-2', { b1: { viewers: 40, recorders: 0 }, b2: { viewers: 3, recorders: 0 } }),
    ).toEqual([]);
    expect(
      p.setRemote('node-2', { b1: { viewers: 41, recorders: 0 }, b2: { viewers: 3, recorders: 0 } }),
    ).toEqual(['b1']);
    expect(p.local()).toEqual({ b1: { viewers: 1, recorders: 1 } });
    t += REMOTE_PRESENCE_TTL_MS + 1;
    // A killed node says no goodbye: its counts stop counting, and expire names the boards.
    expect(p.of('b1')).toEqual({ viewers: 1, recorders: 1 });
    expect(new Set(p.expire())).toEqual(new Set(['b1', 'b2']));
    expect(p.expire()).toEqual([]);
  });
});
