/**
 * Keeps what a service read from the store until the store may have changed (a write through this
 * connection, or a commit by another): "who has access here" reads 100,000 users and their memberships,
 * and an administrator asks it for unit after unit without changing anything in between.
 */
import type { Store } from '../db/client';
import { storeVersion } from '../db/repos/permissionInputs';

interface Entry {
  version: string;
  value: unknown;
}

const caches = new WeakMap<Store, Map<string, Entry>>();

export function cachedUntilStoreChanges<T>(store: Store, key: string, load: () => T): T {
  let cache = caches.get(store);
  if (!cache) {
    cache = new Map();
    caches.set(store, cache);
  }
  const version = storeVersion(store.sqlite);
  const entry = cache.get(key);
  if (entry && entry.version === version) return entry.value as T;
  const value = load();
  // Reading can itself count as no change, so the version taken before loading still describes the value.
  cache.set(key, { version, value });
  return value;
}
