/**
 * Service worker registration (Workbox, through vite-plugin-pwa), persistent storage, and the
 * check for a cached app page the browser evicted while keeping the service worker.
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
 * Fetches the app page when its cached copy is missing, so the service worker caches it again.
 * Every precache entry has an integrity hash, so Workbox puts a missing file back when it is next
 * fetched online. Each start fetches the scripts and the model, but a navigation does not put the
 * page itself back. Returns true when it fetched the page.
 */
export async function restoreEvictedPage(): Promise<boolean> {
  if (!('serviceWorker' in navigator) || !navigator.serviceWorker.controller || !navigator.onLine) return false;
  const page = new URL('index.html', new URL(import.meta.env.BASE_URL, location.href)).href;
  if (await caches.match(page, { ignoreSearch: true })) return false;
  console.warn('The cached app page is missing; fetching it so the service worker caches it again');
  await fetch(page);
  return true;
}
