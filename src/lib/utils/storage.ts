/**
 * Local data through idb-keyval. Errors become a StorageError whose name picks the Vietnamese
 * message: QuotaExceededError when the disk is full, StorageUnavailable otherwise (private mode,
 * blocked IndexedDB).
 */
import { del, get, set } from 'idb-keyval';

export class StorageError extends Error {
  constructor(name: 'QuotaExceededError' | 'StorageUnavailable', message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = name;
  }
}

function wrap(key: string, action: string, error: unknown): StorageError {
  const quota = (error as DOMException | null)?.name === 'QuotaExceededError';
  const message = `IndexedDB ${action} of "${key}" failed: ${(error as Error)?.message ?? String(error)}`;
  return new StorageError(quota ? 'QuotaExceededError' : 'StorageUnavailable', message, { cause: error });
}

export async function loadValue<T>(key: string): Promise<T | undefined> {
  try {
    return await get<T>(key);
  } catch (error) {
    throw wrap(key, 'read', error);
  }
}

export async function saveValue<T>(key: string, value: T): Promise<void> {
  try {
    await set(key, value);
  } catch (error) {
    throw wrap(key, 'write', error);
  }
}

export async function deleteValue(key: string): Promise<void> {
  try {
    await del(key);
  } catch (error) {
    throw wrap(key, 'delete', error);
  }
}
