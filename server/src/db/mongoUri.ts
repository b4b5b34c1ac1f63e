import { mongo } from 'mongoose';

const SCHEME = /^mongodb(\+srv)?:\/\//;

/** Throws a message an operator can act on when `uri` is not a MongoDB connection string. */
export function assertMongoUri(uri: string): void {
  if (!SCHEME.test(uri)) {
    throw new Error(
      `"${maskUri(uri)}" is not a MongoDB URI: give one that starts with mongodb:// or ` +
        'mongodb+srv://, e.g. mongodb://user:password@db.example.com:27017/salesdesk?replicaSet=rs0',
    );
  }
  try {
    // The driver parses (and rejects) the string in its constructor, before any network.
    new mongo.MongoClient(uri);
  } catch (error) {
    throw new Error(`"${maskUri(uri)}" is not a valid MongoDB URI: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** The database named in the URI's path, if any. */
export function uriDatabaseName(uri: string): string | undefined {
  const name = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^/?]+)/.exec(uri)?.[1];
  return name === undefined ? undefined : decodeURIComponent(name);
}

/** The URI with its password replaced, for log lines. */
export const maskUri = (uri: string): string =>
  uri.replace(/^([a-z][\w+.-]*:\/\/[^:@/]*:)[^@/]*@/i, '$1****@');
