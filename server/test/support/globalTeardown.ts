import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const database = globalThis.salesdeskTestDatabase;
  if (!database) return;
  await database.ferretdb.stop();
  rmSync(database.dir, { recursive: true, force: true });
}
