import type { Logger } from '../logger';

interface Job {
  name: string;
  timer: NodeJS.Timeout;
  running?: Promise<unknown>;
}

/**
 * Every periodic job of the server (delivery retries, hand-backs, lead silence), each run
 * every `intervalMs`, never two runs of one job at once, failures logged. Timers do not
 * keep the process alive, and `stop` waits for runs under way, so the database is not
 * closed beneath one.
 */
export class Scheduler {
  private readonly jobs: Job[] = [];

  constructor(private readonly logger: Logger) {}

  every(name: string, intervalMs: number, task: () => Promise<unknown>): void {
    const job: Job = {
      name,
      timer: setInterval(() => {
        if (job.running) return;
        job.running = task()
          .catch((error: unknown) =>
            this.logger.error({ err: error, job: name }, 'periodic job failed'),
          )
          .finally(() => {
            job.running = undefined;
          });
      }, intervalMs),
    };
    job.timer.unref();
    this.jobs.push(job);
  }

  async stop(): Promise<void> {
    for (const job of this.jobs) clearInterval(job.timer);
    await Promise.allSettled(this.jobs.map((job) => job.running));
  }
}
