import { useQuery } from '@apollo/client/react';
import { Badge, Card, Skeleton, type BadgeTone } from '../../components/ui';
import { formatTime } from '../../lib/format';
import { graphql } from '../../gql';
import { EmbeddedEnvelope } from './EmbeddedEnvelope';

export const DbmsHealthPanelDocument = graphql(`
  query DbmsHealthPanel {
    dbmsHealth {
      state
      pingMs
      details {
        engine
        version
        database
        host
        collections
        slowQueryMs
        pool {
          open
          inUse
          idle
          waiting
          maxPoolSize
          totalCheckouts
          checkoutFailures
        }
        slowOperations {
          at
          collection
          command
          durationMs
          failed
        }
        embedded {
          ...EmbeddedEnvelope_envelope
        }
      }
    }
  }
`);

const STATE_TONES: Record<string, BadgeTone> = {
  connected: 'success',
  connecting: 'warning',
  disconnecting: 'warning',
  disconnected: 'danger',
};

const SLOW_SHOWN = 8;

/**
 * Connection state and ping for everyone; engine, pool, slow operations and (on the embedded
 * database) its size against the envelope for admins.
 */
export function HealthPanel() {
  const { data, loading } = useQuery(DbmsHealthPanelDocument, {
    fetchPolicy: 'cache-and-network',
  });
  const health = data?.dbmsHealth;
  const details = health?.details;

  return (
    <Card title="Health" description="The database connection as the server sees it.">
      {!health && loading ? (
        <Skeleton lines={4} />
      ) : !health ? (
        <p className="text-sm text-slate-600">Health is not available right now.</p>
      ) : (
        <div className="grid gap-4 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={STATE_TONES[health.state] ?? 'neutral'}>{health.state}</Badge>
            <span className="text-slate-700">
              {health.pingMs === null || health.pingMs === undefined
                ? 'Ping failed'
                : `Ping ${health.pingMs.toFixed(1)} ms`}
            </span>
          </div>
          {details && (
            <>
              <dl className="grid grid-cols-2 gap-x-4 gap-y-2">
                <Item
                  label="Engine"
                  value={[details.engine, details.version].filter(Boolean).join(' ') || '–'}
                />
                <Item label="Database" value={details.database} />
                <Item label="Host" value={details.host} />
                <Item label="Collections" value={String(details.collections ?? '–')} />
                <Item
                  label="Connections"
                  value={`${details.pool.inUse} in use · ${details.pool.idle} idle · ${details.pool.open}/${details.pool.maxPoolSize} open`}
                />
                <Item
                  label="Waiting"
                  value={`${details.pool.waiting} now · ${details.pool.checkoutFailures} failed checkouts`}
                />
              </dl>
              {details.embedded && <EmbeddedEnvelope envelope={details.embedded} />}
              <div>
                <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">
                  Slow operations (over {details.slowQueryMs} ms)
                </h3>
                {details.slowOperations.length === 0 ? (
                  <p className="text-slate-600">None recently.</p>
                ) : (
                  <ul className="grid gap-1">
                    {details.slowOperations.slice(0, SLOW_SHOWN).map((operation, index) => (
                      <li key={`${operation.at}-${index}`} className="flex gap-2 text-xs">
                        <time className="shrink-0 text-slate-600" dateTime={operation.at}>
                          {formatTime(operation.at)}
                        </time>
                        <span className="min-w-0 flex-1 truncate text-slate-800">
                          {operation.command} {operation.collection}
                          {operation.failed && <span className="text-rose-700"> (failed)</span>}
                        </span>
                        <span className="shrink-0 font-medium text-slate-900 tabular-nums">
                          {Math.round(operation.durationMs)} ms
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </>
          )}
        </div>
      )}
    </Card>
  );
}

function Item({ label, value }: { label: string; value: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="truncate text-slate-900" title={value}>
        {value}
      </dd>
    </div>
  );
}
