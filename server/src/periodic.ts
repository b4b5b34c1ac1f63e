import type { Logger } from './logger';

/**
 * Runs `task` every `intervalMs` (never two at once), logging failures; the timer does
 * not keep the process alive. Resolves the returned function to stop it.
 */
export function runEvery(
  intervalMs: number,
  task: () => Promise<unknown>,
  logger: Logger,
  name: string,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    task()
      .catch((error: unknown) => logger.error({ err: error, job: name }, 'periodic job failed'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
