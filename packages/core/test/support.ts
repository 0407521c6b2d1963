// Helpers shared by the browser tests: the real test API started by web-test-runner.config.mjs.
import { executeServerCommand } from '@web/test-runner-commands';
import type { SessionResponse } from '@civic-elements/protocol';

declare global {
  interface Window { CIVIC_TEST_API: string }
}

export const ORG = 'test-council';
export const api = (): string => window.CIVIC_TEST_API;

let counter = 0;
/** A fresh address for each test, so tests never share an account. */
export const uniqueEmail = (label = 'resident'): string =>
  `${label}.${Date.now().toString(36)}.${(counter++).toString(36)}.${Math.random().toString(36).slice(2, 6)}@example.org`;

export const latestCode = async (email: string): Promise<string> => {
  const code = await executeServerCommand<string | null, { email: string }>('civic:latest-code', { email });
  if (!code) throw new Error(`no code was sent to ${email}`);
  return code;
};
export const expireCodes = (email: string) => executeServerCommand('civic:expire-codes', { email });
export const closedPort = () => executeServerCommand<string, undefined>('civic:closed-port');
export const outbox = (email: string) => executeServerCommand<{ to: string; subject: string; text: string }[], { email: string }>('civic:outbox', { email });

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(api() + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}

/** Creates an account straight through the API (not the element) and returns a signed-in session. */
export async function registeredSession(name = 'Ada Lovelace', email = uniqueEmail()): Promise<SessionResponse> {
  await post('/v1/auth/register', { org: ORG, email, name });
  return post<SessionResponse>('/v1/auth/sign-in', { org: ORG, email, code: await latestCode(email) });
}

/** Creates an account without signing in. */
export async function registeredEmail(name = 'Grace Hopper', email = uniqueEmail()): Promise<string> {
  await post('/v1/auth/register', { org: ORG, email, name });
  return email;
}

/** Waits until `check` is true (polling), or fails after `timeout` ms. */
export async function until(check: () => unknown, message = 'condition', timeout = 4000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
