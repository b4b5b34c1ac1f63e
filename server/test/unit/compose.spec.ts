import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { configVariables, type VariableSpec } from '../../src/config';

/**
 * The deployment files, checked without Docker: docker-compose.yml's services and wiring,
 * deploy/nginx.conf's proxying, and the Dockerfile's stages.
 */
const root = path.resolve(__dirname, '../../..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

interface Healthcheck {
  test: string[] | string;
}
interface Service {
  image?: string;
  build?: string | { context: string };
  command?: string[] | string;
  restart?: string;
  ports?: string[];
  volumes?: string[];
  env_file?: string | (string | { path: string })[];
  environment?: Record<string, string> | string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: Healthcheck;
  deploy?: { replicas?: number };
  container_name?: string;
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const composeText = read('docker-compose.yml');
const compose = parse(composeText) as Compose;
const services = compose.services;
const service = (name: string): Service => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
};
const specs = configVariables as Record<string, VariableSpec>;

const environmentOf = (svc: Service): Record<string, string> => {
  const env = svc.environment ?? {};
  if (!Array.isArray(env))
    return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
  return Object.fromEntries(
    env.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
};
const envFilesOf = (svc: Service): string[] =>
  [svc.env_file ?? []].flat().map((file) => (typeof file === 'string' ? file : file.path));
const commandText = (value: string[] | string | undefined): string =>
  [value ?? []].flat().join(' ');

describe('docker-compose.yml', () => {
  test('has MongoDB, its one-shot initiation, Redis, the app and nginx', () => {
    expect(Object.keys(services).sort()).toEqual(['app', 'mongo', 'mongo-init', 'nginx', 'redis']);
  });

  test('MongoDB 7 runs as replica set rs0 on a named volume', () => {
    const mongo = service('mongo');
    expect(mongo.image).toMatch(/^mongo:7(\.|$)/);
    expect(commandText(mongo.command)).toMatch(/--replSet rs0\b/);
    const data = mongo.volumes?.find((volume) => volume.endsWith(':/data/db'));
    expect(data).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(data!.split(':')[0]);
  });

  test('mongo-init runs the initiation script once, after MongoDB answers', () => {
    const init = service('mongo-init');
    expect(init.image).toBe(service('mongo').image);
    expect(init.restart).toBe('no');
    expect(init.depends_on?.mongo?.condition).toBe('service_healthy');
    const mount = init.volumes?.find((volume) => volume.startsWith('./deploy/'));
    expect(mount).toBeDefined();
    const [hostDir, containerDir] = mount!.split(':');
    const script = commandText(init.command).match(new RegExp(`${containerDir}/(\\S+\\.js)`));
    expect(script).not.toBeNull();
    const text = read(path.join(hostDir!, script![1]!));
    expect(text).toMatch(/rs\.initiate\(\{ _id: 'rs0'/);
    expect(text).toContain("const member = 'mongo:27017'");
    expect(text).toContain('NotYetInitialized');
  });

  test('Redis 7', () => {
    expect(service('redis').image).toMatch(/^redis:7(\.|-|$)/);
  });

  test('two app replicas, started once the replica set and Redis are ready', () => {
    const app = service('app');
    expect(app.deploy?.replicas).toBeGreaterThanOrEqual(2);
    // A fixed name or host port would stop the second replica from starting.
    expect(app.container_name).toBeUndefined();
    expect(app.ports).toBeUndefined();
    expect(app.build === '.' || (typeof app.build === 'object' && app.build.context === '.')).toBe(
      true,
    );
    expect(app.depends_on?.['mongo-init']?.condition).toBe('service_completed_successfully');
    expect(app.depends_on?.redis?.condition).toBe('service_healthy');
  });

  test('healthchecks: MongoDB pings, Redis pings, the app answers /readyz', () => {
    expect(commandText(service('mongo').healthcheck?.test)).toMatch(/mongosh.*ping/);
    expect(commandText(service('redis').healthcheck?.test)).toMatch(/redis-cli ping/);
    const app = commandText(service('app').healthcheck?.test);
    expect(app).toContain(`http://127.0.0.1:${environmentOf(service('app')).PORT}/readyz`);
    expect(app).toMatch(/^CMD node -e /);
    expect(commandText(service('nginx').healthcheck?.test)).toContain('/healthz');
  });

  test('every variable the app is given is one config.ts reads', () => {
    const names = Object.keys(environmentOf(service('app')));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(Object.keys(specs)).toContain(name);
    // ${NAME} interpolations would be settings read from the shell instead of .env.
    expect(composeText).not.toMatch(/\$\{?[A-Z_]+/);
  });

  test('secrets come from .env, never from the compose file', () => {
    const app = service('app');
    expect(envFilesOf(app)).toEqual(['.env']);
    const env = environmentOf(app);
    const secrets = Object.entries(specs).filter(([, spec]) => spec.type === 'secret');
    expect(secrets.map(([name]) => name)).toEqual(
      expect.arrayContaining(['JWT_SECRET', 'SECRETS_KEY']),
    );
    for (const [name] of secrets) expect(env).not.toHaveProperty(name);
  });

  test('the app runs in production, on the replica set and Redis, behind one proxy', () => {
    const env = environmentOf(service('app'));
    expect(env.NODE_ENV).toBe('production');
    const uri = new URL(env.MONGODB_URI!);
    expect(uri.host).toBe('mongo:27017');
    expect(uri.searchParams.get('replicaSet')).toBe('rs0');
    expect(env.REDIS_URL).toBe('redis://redis:6379');
    expect(env.TRUST_PROXY).toBe('1');
  });

  test('nginx is the only published service and loads deploy/nginx.conf', () => {
    const published = Object.entries(services).filter(([, svc]) => svc.ports?.length);
    expect(published.map(([name]) => name)).toEqual(['nginx']);
    expect(service('nginx').image).toMatch(/^nginx:/);
    expect(service('nginx').volumes).toContain('./deploy/nginx.conf:/etc/nginx/nginx.conf:ro');
    expect(service('nginx').depends_on?.app?.condition).toBe('service_healthy');
  });
});

/** A directive or a block of deploy/nginx.conf. */
interface Directive {
  name: string;
  args: string[];
  children?: Directive[];
}

/** Just enough of nginx's syntax: words, quoted strings, comments, `;` and `{ }` blocks. */
function parseNginx(text: string): Directive[] {
  const tokens = text.match(/#[^\n]*|'[^']*'|"[^"]*"|[{};]|[^\s{};'"#]+/g) ?? [];
  let at = 0;
  const block = (): Directive[] => {
    const directives: Directive[] = [];
    let words: string[] = [];
    while (at < tokens.length) {
      const token = tokens[at++]!;
      if (token.startsWith('#')) continue;
      if (token === '}') break;
      if (token === ';' || token === '{') {
        const [name = '', ...args] = words;
        directives.push(token === '{' ? { name, args, children: block() } : { name, args });
        words = [];
      } else {
        words.push(token.replace(/^(['"])(.*)\1$/, '$2'));
      }
    }
    return directives;
  };
  return block();
}

describe('deploy/nginx.conf', () => {
  const conf = parseNginx(read('deploy/nginx.conf'));
  const http = conf.find((d) => d.name === 'http')!;
  const server = http.children!.find((d) => d.name === 'server')!;
  const location = (...args: string[]): Directive => {
    const found = server.children!.find(
      (d) => d.name === 'location' && d.args.join(' ') === args.join(' '),
    );
    if (!found) throw new Error(`no "location ${args.join(' ')}" block`);
    return found;
  };
  /** nginx's inheritance: a level with any proxy_set_header of its own replaces the outer ones. */
  const headersAt = (block: Directive): Record<string, string> => {
    for (const level of [block, server, http]) {
      const own = level.children!.filter((d) => d.name === 'proxy_set_header');
      if (own.length > 0) return Object.fromEntries(own.map((d) => [d.args[0], d.args[1]]));
    }
    return {};
  };
  const directive = (block: Directive, name: string): string[] | undefined =>
    (block.children!.find((d) => d.name === name) ?? server.children!.find((d) => d.name === name))
      ?.args;

  test('one upstream holding the app service on its port', () => {
    const upstream = http.children!.find((d) => d.name === 'upstream')!;
    expect(upstream.args).toEqual(['app']);
    const port = environmentOf(service('app')).PORT;
    const servers = upstream.children!.filter((d) => d.name === 'server');
    expect(servers.map((d) => d.args[0])).toEqual([`app:${port}`]);
    // Re-resolved, so every replica (and a restarted one's new address) gets traffic.
    expect(servers[0]!.args).toContain('resolve');
    expect(http.children!.find((d) => d.name === 'resolver')?.args[0]).toBe('127.0.0.11');
  });

  test('/graphql passes the WebSocket upgrade through', () => {
    const graphql = location('=', '/graphql');
    expect(directive(graphql, 'proxy_pass')).toEqual(['http://app']);
    expect(directive(graphql, 'proxy_http_version')).toEqual(['1.1']);
    const headers = headersAt(graphql);
    expect(headers.Upgrade).toBe('$http_upgrade');
    const map = http.children!.find(
      (d) => d.name === 'map' && d.args[0] === '$http_upgrade' && d.args[1] === headers.Connection,
    );
    expect(map?.children?.find((d) => d.name === 'default')?.args).toEqual(['upgrade']);
    // Subscriptions stay open far longer than nginx's 60 s default.
    expect(directive(graphql, 'proxy_read_timeout')).toEqual(['1h']);
  });

  test('webhooks, the REST API, health checks and the dashboard reach the app', () => {
    for (const block of [location('/webhooks/'), location('/api/'), location('/')]) {
      expect(directive(block, 'proxy_pass')).toEqual(['http://app']);
      expect(headersAt(block)['X-Forwarded-For']).toBe('$proxy_add_x_forwarded_for');
      expect(headersAt(block).Host).toBe('$host');
    }
  });

  test('/metrics stays internal', () => {
    const metrics = location('=', '/metrics');
    expect(directive(metrics, 'return')).toEqual(['404']);
    expect(metrics.children!.find((d) => d.name === 'proxy_pass')).toBeUndefined();
  });
});

describe('Dockerfile', () => {
  const lines = read('Dockerfile')
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages: { name: string; from: string; lines: string[] }[] = [];
  for (const line of lines) {
    const from = line.match(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i);
    if (from) stages.push({ from: from[1]!, name: from[2] ?? '', lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  const stage = (name: string) => stages.find((s) => s.name === name)!;
  const runtime = stages.at(-1)!;

  test('is multi-stage: build, production dependencies, runtime', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'prod-deps', 'runtime']);
  });

  test('builds with the same npm scripts CI runs, and no other build path', () => {
    const build = stage('build').lines;
    expect(build).toContain('RUN npm ci --no-audit --no-fund');
    expect(build).toContain('RUN npm run build');
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> })
      .scripts;
    expect(scripts.build).toMatch(/codegen.*build -w server.*build -w client/);
    expect(scripts.test).toContain('npm run build');
    for (const s of stages) {
      for (const line of s.lines) expect(line).not.toMatch(/\b(tsc|vite|graphql-codegen)\b/);
    }
  });

  test('the runtime stage has only production dependencies and the built output', () => {
    expect(stage('prod-deps').lines.join('\n')).toMatch(/npm ci --omit=dev --workspace server/);
    const copies = runtime.lines.filter((line) => line.startsWith('COPY'));
    expect(copies).toEqual([
      'COPY --from=prod-deps /app ./',
      'COPY --from=build /app/server/dist ./server/dist',
      'COPY --from=build /app/client/dist ./client/dist',
    ]);
    expect(runtime.lines.some((line) => line.startsWith('RUN'))).toBe(false);
  });

  test('runs as the unprivileged node user, checks /readyz and starts the server', () => {
    expect(runtime.lines).toContain('USER node');
    expect(runtime.lines.find((line) => line.startsWith('HEALTHCHECK'))).toContain('/readyz');
    expect(runtime.lines.at(-1)).toBe('CMD ["node", "server/dist/main.js"]');
    expect(runtime.lines.join('\n')).toMatch(/ENV NODE_ENV=production/);
  });

  test('.dockerignore keeps secrets, installs and builds out of the context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['.env', '**/node_modules', '**/dist', 'data', '.tools', '.git']) {
      expect(ignored).toContain(entry);
    }
    expect(existsSync(path.join(root, 'package-lock.json'))).toBe(true);
  });
});
