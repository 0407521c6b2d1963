// The environment is validated in one place, with one clear message per bad value.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig, testConfig } from '../src/config.js';

test('defaults', () => {
  const config = loadConfig({});
  assert.equal(config.port, 8787);
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.databasePath, 'data/civic.db');
  assert.equal(config.dataDir, 'data');
  assert.equal(config.mailFrom, 'Civic Elements <no-reply@civic.localhost>');
  assert.equal(config.smtpUrl, undefined);
  assert.equal(config.devRoutes, false);
  assert.equal(config.codeTtlSeconds, 600);
  assert.equal(config.codeMaxTries, 5);
  assert.equal(config.accessTokenTtlSeconds, 900);
  assert.equal(config.refreshTokenTtlSeconds, 30 * 86400);
  assert.deepEqual(config.demoOrigins, ['http://localhost:8080', 'http://127.0.0.1:8080']);
});

test('values are read and converted', () => {
  const config = loadConfig({
    PORT: '9000',
    DATA_DIR: '/tmp/civic',
    DEV_ROUTES: 'true',
    ACCESS_LOG: '1',
    SMTP_URL: 'smtp://mail.example:2525',
    SECRET: 'x'.repeat(40),
    RATE_LIMIT_PER_EMAIL: '3',
    PUBLIC_URL: 'https://api.civic.example/',
  });
  assert.equal(config.port, 9000);
  assert.equal(config.databasePath, '/tmp/civic/civic.db');
  assert.equal(config.devRoutes, true);
  assert.equal(config.accessLog, true);
  assert.equal(config.smtpUrl, 'smtp://mail.example:2525');
  assert.equal(config.rateLimits.perEmail, 3);
  assert.equal(config.publicUrl, 'https://api.civic.example');
});

test('every bad value is reported at once, each with a clear message', () => {
  let error: unknown;
  try {
    loadConfig({ PORT: 'abc', DEV_ROUTES: 'maybe', SMTP_URL: 'mail.example', SECRET: 'short', CODE_TTL_SECONDS: '-5' });
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof ConfigError);
  assert.deepEqual([...error.problems].sort(), [
    'CODE_TTL_SECONDS must be a whole number from 60 to 86400 (got "-5")',
    'DEV_ROUTES must be true or false (got "maybe")',
    'PORT must be a whole number from 1 to 65535 (got "abc")',
    'SECRET must be at least 32 characters long (it keys the sign-in codes)',
    'SMTP_URL must be a URL starting with smtp:// or smtps:// (got "mail.example")',
  ]);
  assert.match(error.message, /5 problems/);
});

test('out-of-range port and missing production secret are refused', () => {
  assert.throws(() => loadConfig({ PORT: '70000' }), /PORT must be a whole number from 1 to 65535 \(got "70000"\)/);
  assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /SECRET must be set in production/);
  assert.doesNotThrow(() => loadConfig({ NODE_ENV: 'production', SECRET: 's'.repeat(32) }));
});

test('testConfig takes overrides', () => {
  const config = testConfig({ devRoutes: false });
  assert.equal(config.devRoutes, false);
  assert.equal(config.port, 0);
  assert.ok(config.secret && config.secret.length >= 32);
});
