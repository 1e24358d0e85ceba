/** One short message at a time for the user (Vietnamese), with errors also logged in English. */
import { errorMessage } from '../i18n/vi.ts';

class Notices {
  message = $state<string | null>(null);
  kind = $state<'info' | 'error'>('info');
  private timer: ReturnType<typeof setTimeout> | undefined;

  show(message: string, kind: 'info' | 'error' = 'info', durationMs = 5000): void {
    this.message = message;
    this.kind = kind;
    clearTimeout(this.timer);
    if (durationMs > 0) this.timer = setTimeout(() => (this.message = null), durationMs);
  }

  /** Logs the error and shows its Vietnamese message; aborted work is not an error. */
  handleError(error: unknown, context: string): void {
    if ((error as { name?: string } | null)?.name === 'AbortError') return;
    console.error(`${context}:`, error);
    this.show(errorMessage(error), 'error', 0);
  }

  dismiss(): void {
    this.message = null;
  }
}

export const notices = new Notices();
