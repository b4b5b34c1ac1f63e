import type { mongo } from 'mongoose';
import type { Metrics } from './metrics';

type Client = mongo.MongoClient;

/**
 * Times every database command into `salesdesk_db_operation_duration_seconds`, from the
 * driver's command-monitoring events (connect.ts creates the client with
 * `monitorCommands: true` for the slow-operation log). Returns the detach function.
 */
export function observeDatabaseCommands(client: Client, metrics: Metrics): () => void {
  // Finished events name the command but not its collection: remember it from the start.
  const started = new Map<string, { command: string; collection: string }>();
  const onStarted = (event: mongo.CommandStartedEvent) => {
    if (started.size > 10_000) started.clear(); // only a driver bug would leave entries behind
    started.set(keyOf(event), {
      command: event.commandName,
      collection: metrics.collectionNames.value(collectionOf(event)),
    });
  };
  const onFinished =
    (outcome: 'ok' | 'error') =>
    (event: mongo.CommandSucceededEvent | mongo.CommandFailedEvent) => {
      const key = keyOf(event);
      const operation = started.get(key);
      started.delete(key);
      metrics.databaseOperationDuration.observe(
        {
          command: operation?.command ?? event.commandName,
          collection: operation?.collection ?? '(unknown)',
          outcome,
        },
        event.duration / 1000,
      );
    };
  const onSucceeded = onFinished('ok');
  const onFailed = onFinished('error');
  client.on('commandStarted', onStarted);
  client.on('commandSucceeded', onSucceeded);
  client.on('commandFailed', onFailed);
  return () => {
    client.off('commandStarted', onStarted);
    client.off('commandSucceeded', onSucceeded);
    client.off('commandFailed', onFailed);
    started.clear();
  };
}

/** `{find: 'chats'}`, `{getMore: <cursor>, collection: 'chats'}`; database-wide commands have neither. */
function collectionOf(event: mongo.CommandStartedEvent): string {
  const target: unknown = event.command[event.commandName];
  if (typeof target === 'string') return target;
  const collection: unknown = event.command.collection;
  return typeof collection === 'string' ? collection : '(database)';
}

const keyOf = (event: { connectionId?: string | number; requestId: number }): string =>
  `${String(event.connectionId)}:${event.requestId}`;
