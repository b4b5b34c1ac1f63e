export type DatabaseEngine = 'mongodb' | 'ferretdb';

let current: DatabaseEngine = 'mongodb';

/** Set once the connection knows what it talks to (db/connect.ts). */
export function setDatabaseEngine(engine: DatabaseEngine): void {
  current = engine;
}

export const databaseEngine = (): DatabaseEngine => current;
