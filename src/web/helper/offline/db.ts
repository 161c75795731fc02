/**
 * The helper workspace's storage on the phone (IndexedDB): the outbox of records written without
 * a connection (photos kept as Blobs) and the last answers the server gave (the task list and
 * each task opened), so the workspace still opens and reads in a village without signal.
 *
 * IndexedDB rather than localStorage: photos are Blobs of a few hundred kB each, and a write is
 * durable once its transaction completes (a record is never reported as saved before that).
 * Everything is keyed by the staff account that wrote or read it: another person signing in on
 * the same phone sees none of it (helperWorkspace drops their snapshots, the outbox is filtered).
 */

const DB_NAME = 'bianmin-helper';
const DB_VERSION = 1;
const OUTBOX = 'outbox';
const SNAPSHOTS = 'snapshots';

/** A stored answer of the server (or the signed-in helper), with when it was fetched. */
export interface Snapshot<T = unknown> {
  /** `${staffId}:…`: whose it is comes first, so one person's can be dropped by prefix */
  key: string;
  staffId: string;
  savedAt: string;
  value: T;
}

let opening: Promise<IDBDatabase> | null = null;

/** The database, opened once per page (and again after the browser closed it). */
export function openHelperDb(): Promise<IDBDatabase> {
  if (opening) return opening;
  opening = new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('此浏览器不支持离线保存（IndexedDB）'));
      return;
    }
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(OUTBOX)) db.createObjectStore(OUTBOX, { keyPath: 'ref' }).createIndex('staffId', 'staffId');
      if (!db.objectStoreNames.contains(SNAPSHOTS)) db.createObjectStore(SNAPSHOTS, { keyPath: 'key' }).createIndex('staffId', 'staffId');
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading, or the browser reclaiming: open afresh next time.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      db.onclose = () => {
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => {
      opening = null;
      reject(request.error ?? new Error('IndexedDB open failed'));
    };
    request.onblocked = () => undefined;
  });
  return opening;
}

/** Runs `work` in one transaction and resolves once it has committed (not merely once the requests answered). */
async function inTransaction<T>(store: string, mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const db = await openHelperDb();
  return new Promise<T | undefined>((resolve, reject) => {
    const tx = db.transaction(store, mode);
    let result: T | undefined;
    const request = work(tx.objectStore(store));
    if (request) request.onsuccess = () => (result = request.result);
    tx.oncomplete = () => resolve(result);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

/** The rows of a store whose `staffId` index is `staffId`. */
async function byStaff<T>(store: string, staffId: string): Promise<T[]> {
  return (await inTransaction<T[]>(store, 'readonly', (s) => s.index('staffId').getAll(staffId) as IDBRequest<T[]>)) ?? [];
}

export const outboxStore = {
  list: <T>(staffId: string) => byStaff<T>(OUTBOX, staffId),
  get: <T>(ref: string) => inTransaction<T>(OUTBOX, 'readonly', (s) => s.get(ref) as IDBRequest<T>),
  put: async (item: { ref: string; staffId: string }) => {
    await inTransaction(OUTBOX, 'readwrite', (s) => {
      s.put(item);
    });
  },
  delete: async (ref: string) => {
    await inTransaction(OUTBOX, 'readwrite', (s) => {
      s.delete(ref);
    });
  },
};

export const snapshotStore = {
  get: async <T>(key: string): Promise<Snapshot<T> | undefined> => inTransaction<Snapshot<T>>(SNAPSHOTS, 'readonly', (s) => s.get(key) as IDBRequest<Snapshot<T>>),
  put: async <T>(snapshot: Snapshot<T>) => {
    await inTransaction(SNAPSHOTS, 'readwrite', (s) => {
      s.put(snapshot);
    });
  },
  delete: async (key: string) => {
    await inTransaction(SNAPSHOTS, 'readwrite', (s) => {
      s.delete(key);
    });
  },
  keys: async (staffId: string): Promise<string[]> =>
    ((await inTransaction<IDBValidKey[]>(SNAPSHOTS, 'readonly', (s) => s.index('staffId').getAllKeys(staffId))) ?? []).map(String),
  /** Every snapshot of anyone but `staffId` (another person used this phone before). */
  deleteOthers: async (staffId: string) => {
    await inTransaction(SNAPSHOTS, 'readwrite', (s) => {
      const cursor = s.openCursor();
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c) return;
        if ((c.value as Snapshot).staffId !== staffId) c.delete();
        c.continue();
      };
    });
  },
};

/** Closes the connection (tests open a fresh database per case). */
export async function closeHelperDb(): Promise<void> {
  if (!opening) return;
  const db = await opening.catch(() => null);
  db?.close();
  opening = null;
}
