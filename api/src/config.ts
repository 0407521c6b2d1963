// The environment, parsed and validated in one place: every bad value is reported at once, in plain words.
import { isAbsolute, join, resolve } from 'node:path';

export interface RateLimits {
  /** Length of the sliding window, seconds. */
  windowSeconds: number;
  /** Sign-in attempts (register, code, sign-in) allowed per email address per window. */
  perEmail: number;
  /** Sign-in attempts allowed per client address per window. */
  perAddress: number;
}

export interface Config {
  production: boolean;
  port: number;
  host: string;
  databasePath: string;
  dataDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  devRoutes: boolean;
  elementsDir: string | undefined;
  accessLog: boolean;
  /** HMAC key for sign-in codes; server.ts fills it from DATA_DIR/secret in development when unset. */
  secret: string | undefined;
  codeTtlSeconds: number;
  codeMaxTries: number;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  rateLimits: RateLimits;
  /** Demo only: seed the demo organisations when the database has none. */
  seed: boolean;
  /** Demo only: the web origins the seeded organisations allow. */
  demoOrigins: string[];
  /** A Nominatim-compatible search service for /v1/geocode; unset: the local gazetteer answers. */
  geocoderUrl: string | undefined;
  /** How long a geocoder request may take before /v1/geocode answers 503. */
  geocoderTimeoutMs: number;
  /** Photo uploads one person may make per rate-limit window. */
  mediaUploadsPerWindow: number;
  /** 64 hex characters: the AES-256-GCM key webhook secrets are kept under; unset, one is derived from SECRET. */
  webhookSecretKey: string | undefined;
  /** Whether webhook URLs may lead to loopback and private networks (SSRF guard; default: outside production only). */
  webhookAllowPrivate: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The configuration has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function reader(env: Env, problems: string[]) {
  const raw = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const value = raw(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`);
      return fallback;
    }
    return Number(value);
  };
  const boolean = (name: string, fallback: boolean): boolean => {
    const value = raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    problems.push(`${name} must be true or false (got ${JSON.stringify(env[name])})`);
    return fallback;
  };
  const url = (name: string, protocols: string[]): string | undefined => {
    const value = raw(name);
    if (value === undefined) return undefined;
    try {
      const parsed = new URL(value);
      if (protocols.includes(parsed.protocol)) return value;
    } catch {
      // reported below
    }
    problems.push(`${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')} (got ${JSON.stringify(value)})`);
    return undefined;
  };
  return { raw, integer, boolean, url };
}

export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const { raw, integer, boolean, url } = reader(env, problems);
  const production = raw('NODE_ENV') === 'production';

  const port = integer('PORT', 8787, 1, 65535);
  const host = raw('HOST') ?? '127.0.0.1';
  if (!/^[\w.:-]+$/.test(host)) problems.push(`HOST must be a host name or an IP address (got ${JSON.stringify(host)})`);

  const dataDir = raw('DATA_DIR') ?? 'data';
  const databasePath = raw('DATABASE_PATH') ?? join(dataDir, 'civic.db');
  const elementsDir = raw('ELEMENTS_DIR');

  const mailFrom = raw('MAIL_FROM') ?? 'Civic Elements <no-reply@civic.localhost>';
  if (!/^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/.test(mailFrom)) {
    problems.push(`MAIL_FROM must be an address like "Civic Elements <no-reply@example.org>" (got ${JSON.stringify(mailFrom)})`);
  }

  const secret = raw('SECRET');
  if (secret !== undefined && secret.length < 32) problems.push('SECRET must be at least 32 characters long (it keys the sign-in codes)');
  if (secret === undefined && production) problems.push('SECRET must be set in production (at least 32 random characters)');

  const webhookSecretKey = raw('WEBHOOK_SECRET_KEY');
  if (webhookSecretKey !== undefined && !/^[0-9a-fA-F]{64}$/.test(webhookSecretKey)) problems.push('WEBHOOK_SECRET_KEY must be 64 hexadecimal characters (32 random bytes, e.g. from `openssl rand -hex 32`)');

  const demoOrigins = (raw('DEMO_ORIGINS') ?? 'http://localhost:8080,http://127.0.0.1:8080')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of demoOrigins) {
    let ok = false;
    try {
      ok = new URL(origin).origin === origin;
    } catch {
      ok = false;
    }
    if (!ok) problems.push(`DEMO_ORIGINS must be a comma-separated list of origins like http://localhost:8080 (got ${JSON.stringify(origin)})`);
  }

  const config: Config = {
    production,
    port,
    host,
    databasePath,
    dataDir,
    smtpUrl: url('SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom,
    publicUrl: '',
    devRoutes: boolean('DEV_ROUTES', false),
    elementsDir: elementsDir === undefined ? undefined : isAbsolute(elementsDir) ? elementsDir : resolve(elementsDir),
    accessLog: boolean('ACCESS_LOG', false),
    secret,
    codeTtlSeconds: integer('CODE_TTL_SECONDS', 600, 60, 86_400),
    codeMaxTries: integer('CODE_MAX_TRIES', 5, 1, 20),
    accessTokenTtlSeconds: integer('ACCESS_TOKEN_TTL_SECONDS', 900, 60, 86_400),
    refreshTokenTtlSeconds: integer('REFRESH_TOKEN_TTL_SECONDS', 30 * 86_400, 3600, 365 * 86_400),
    rateLimits: {
      windowSeconds: integer('RATE_LIMIT_WINDOW_SECONDS', 900, 1, 86_400),
      perEmail: integer('RATE_LIMIT_PER_EMAIL', 10, 1, 100_000),
      perAddress: integer('RATE_LIMIT_PER_ADDRESS', 100, 1, 1_000_000),
    },
    seed: boolean('SEED', false),
    demoOrigins,
    geocoderUrl: url('GEOCODER_URL', ['http:', 'https:'])?.replace(/\/+$/, ''),
    geocoderTimeoutMs: integer('GEOCODER_TIMEOUT_MS', 5000, 100, 60_000),
    mediaUploadsPerWindow: integer('RATE_LIMIT_MEDIA_UPLOADS', 60, 1, 100_000),
    webhookSecretKey: webhookSecretKey?.toLowerCase(),
    webhookAllowPrivate: boolean('WEBHOOK_ALLOW_PRIVATE_URLS', !production),
  };
  config.publicUrl = url('PUBLIC_URL', ['http:', 'https:'])?.replace(/\/+$/, '') ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** A complete configuration for tests: in-memory-friendly defaults, dev routes on, generous rate limits. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ DATA_DIR: 'data-test', SECRET: 'test-secret-0123456789abcdef-0123456789' });
  return {
    ...base,
    port: 0,
    devRoutes: true,
    rateLimits: { windowSeconds: 900, perEmail: 1000, perAddress: 10_000 },
    ...overrides,
  };
}
