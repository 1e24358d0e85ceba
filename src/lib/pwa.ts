/**
 * Service worker registration (Workbox, through vite-plugin-pwa), persistent storage, and the
 * check for caches the browser evicted while keeping the service worker.
 */
import { registerSW } from 'virtual:pwa-register';

/** Registers the service worker; `onUpdate` is called when a new version waits, and never reloads by itself. */
export function registerServiceWorker(onUpdate: (reload: () => Promise<void>) => void): void {
  if (!('serviceWorker' in navigator)) return;
  const update = registerSW({
    immediate: true,
    onNeedRefresh() {
      onUpdate(() => update(true));
    },
    onRegisterError(error: unknown) {
      console.error('Service worker registration failed:', error);
    },
  });
}

/** Asks the browser not to evict this site's storage; returns whether it agreed (null when unsupported). */
export async function requestPersistentStorage(): Promise<boolean | null> {
  if (!navigator.storage?.persist) return null;
  try {
    return (await navigator.storage.persisted()) || (await navigator.storage.persist());
  } catch (error) {
    console.warn('navigator.storage.persist() failed:', error);
    return null;
  }
}

/**
 * Safari may clear a site's caches after days without a visit. When the page is controlled by a
 * service worker but the model manifest is no longer cached, reinstall the worker while online,
 * so it downloads and precaches every file again.
 */
export async function restoreEvictedCaches(manifestUrl: string): Promise<boolean> {
  if (!('serviceWorker' in navigator) || !navigator.serviceWorker.controller || !navigator.onLine) return false;
  const cached = await caches.match(manifestUrl, { ignoreSearch: true });
  if (cached) return false;
  console.warn('Precached files are missing; reinstalling the service worker to download them again');
  const registration = await navigator.serviceWorker.getRegistration();
  const scriptUrl = registration?.active?.scriptURL;
  if (!registration || !scriptUrl) return false;
  await registration.unregister();
  await navigator.serviceWorker.register(scriptUrl, { type: 'module', scope: registration.scope });
  return true;
}
