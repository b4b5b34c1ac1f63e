import mongoose from 'mongoose';

/**
 * Runs `migrate` once per database: structures added beside existing collections (work
 * lists, timers, aliases) are filled from the history once, with its one full read, and a
 * mark in `migrations` keeps every later start from reading it again. Idempotent steps
 * only: a crash before the mark runs the step again at the next start.
 */
export async function runOnce(name: string, migrate: () => Promise<unknown>): Promise<boolean> {
  const marks = mongoose.connection.db!.collection<{ _id: string; at: Date }>('migrations');
  if (await marks.findOne({ _id: name })) return false;
  await migrate();
  await marks.updateOne({ _id: name }, { $set: { at: new Date() } }, { upsert: true });
  return true;
}
