// Pure logic: code checking, permissions, rate-limit windows, token lifetimes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkCode } from '../src/domain/codes.js';
import { may } from '../src/domain/permissions.js';
import { slidingWindow } from '../src/domain/rate-limit.js';
import { expiresAt, hasExpired } from '../src/domain/tokens.js';

const now = new Date('2026-03-02T09:00:00Z');
const stored = { codeHash: 'right', expiresAt: '2026-03-02T09:10:00.000Z', triesLeft: 5 };
const match = (typed: string) => (hash: string) => hash === typed;

describe('checkCode', () => {
  test('the right code before expiry is ok', () => {
    assert.deepEqual(checkCode(stored, match('right'), now), { result: 'ok' });
  });
  test('a wrong code uses a try', () => {
    assert.deepEqual(checkCode(stored, match('wrong'), now), { result: 'wrong', triesLeft: 4 });
    assert.deepEqual(checkCode({ ...stored, triesLeft: 1 }, match('wrong'), now), { result: 'wrong', triesLeft: 0 });
  });
  test('no tries left is exhausted, even for the right code', () => {
    assert.deepEqual(checkCode({ ...stored, triesLeft: 0 }, match('right'), now), { result: 'exhausted' });
  });
  test('at or after the expiry time the code is expired', () => {
    assert.deepEqual(checkCode(stored, match('right'), new Date('2026-03-02T09:10:00Z')), { result: 'expired' });
    assert.deepEqual(checkCode(stored, match('right'), new Date('2026-03-02T09:09:59.999Z')), { result: 'ok' });
  });
  test('no stored code is none', () => {
    assert.deepEqual(checkCode(null, match('right'), now), { result: 'none' });
  });
});

describe('may', () => {
  test('only admins manage the organisation', () => {
    assert.equal(may('admin', 'org.manage'), true);
    for (const role of ['resident', 'officer', 'moderator'] as const) assert.equal(may(role, 'org.manage'), false, role);
    assert.equal(may(undefined, 'org.manage'), false);
  });
  test('officers triage, moderators moderate, residents do neither', () => {
    assert.equal(may('officer', 'reports.triage'), true);
    assert.equal(may('moderator', 'reports.triage'), false);
    assert.equal(may('moderator', 'comments.moderate'), true);
    assert.equal(may('resident', 'comments.moderate'), false);
  });
});

describe('slidingWindow', () => {
  test('allows up to the limit inside the window, then says when to retry', () => {
    let attempts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const d = slidingWindow(attempts, 1000 + i * 1000, 60_000, 3);
      assert.equal(d.allowed, true);
      attempts = d.kept;
    }
    const refused = slidingWindow(attempts, 4000, 60_000, 3);
    assert.equal(refused.allowed, false);
    // The first attempt (t=1000) leaves the window at 61000: 57 s after t=4000.
    assert.equal(refused.retryAfterSeconds, 57);
    assert.equal(slidingWindow(attempts, 61_001, 60_000, 3).allowed, true);
  });
  test('attempts older than the window do not count', () => {
    assert.deepEqual(slidingWindow([0, 1, 2], 100_000, 60_000, 1), { allowed: true, kept: [100_000], retryAfterSeconds: 0 });
  });
});

describe('token lifetimes', () => {
  test('expiresAt adds seconds; hasExpired compares with now', () => {
    assert.equal(expiresAt(now, 900), '2026-03-02T09:15:00.000Z');
    assert.equal(hasExpired('2026-03-02T09:15:00.000Z', now), false);
    assert.equal(hasExpired('2026-03-02T09:00:00.000Z', now), true);
  });
});
