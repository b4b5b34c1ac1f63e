import pino from 'pino';
import { currentScope } from './observability/requestContext';

export type Logger = pino.Logger;
export type LogDestination = pino.DestinationStream;

/**
 * Paths whose values never reach a log line, whatever the level: a safety net under the
 * rule that log calls pass ids and counts, never credentials or message text.
 */
const redact = [
  'password',
  '*.password',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  'credentials',
  '*.credentials',
  'secret',
  '*.secret',
  'authorization',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  'req.headers.authorization',
  'connectionParams',
  '*.connectionParams',
];

/**
 * Structured JSON lines on stdout (or `destination`: tests read them). Each line written
 * inside an HTTP request, WebSocket operation or inbox job carries its `requestId`.
 */
export function createLogger(level: string, destination?: LogDestination): Logger {
  return pino(
    {
      level,
      redact: { paths: redact, censor: '[redacted]' },
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const requestId = currentScope()?.requestId;
        return requestId ? { requestId } : {};
      },
    },
    destination,
  );
}
