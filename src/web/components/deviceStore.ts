/**
 * A value remembered in this browser (localStorage, one key), read by every component through
 * useSyncExternalStore and kept in step with other tabs. When the browser refuses storage (some
 * private modes) the value lasts for this visit.
 */
export interface DeviceStore<T> {
  /** The value: the same object until the stored text changes (a useSyncExternalStore snapshot). */
  get: () => T;
  /** Stores the text (null removes it) and tells every subscriber. */
  write: (raw: string | null) => void;
  subscribe: (onChange: () => void) => () => void;
}

/** `parse` turns the stored text (null when there is none) into the value; it must not throw. */
export function deviceStore<T>(key: string, parse: (raw: string | null) => T): DeviceStore<T> {
  const listeners = new Set<() => void>();
  /** What was last written, for when storage is refused. */
  let memoryRaw: string | null = null;
  let cache: { raw: string | null; value: T } | undefined;

  const readRaw = (): string | null => {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return memoryRaw;
    }
  };

  return {
    get: () => {
      const raw = readRaw();
      if (!cache || cache.raw !== raw) cache = { raw, value: parse(raw) };
      return cache.value;
    },
    write: (raw) => {
      memoryRaw = raw;
      try {
        if (raw === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, raw);
      } catch {
        // Storage refused: memoryRaw keeps the value for this visit.
      }
      for (const l of listeners) l();
    },
    subscribe: (onChange) => {
      listeners.add(onChange);
      const onStorage = (e: StorageEvent) => {
        if (e.key === key || e.key === null) onChange();
      };
      window.addEventListener('storage', onStorage);
      return () => {
        listeners.delete(onChange);
        window.removeEventListener('storage', onStorage);
      };
    },
  };
}
