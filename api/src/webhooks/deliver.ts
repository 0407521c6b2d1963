// One POST of a delivery to an organisation's receiver: the address guarded, a hard time limit, no redirects followed.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup, literalRefusal, PrivateAddressRefused, type UrlPolicy } from './url-policy.js';

export interface AttemptResult {
  ok: boolean;
  /** The receiver's HTTP status; null when it gave no answer. */
  status: number | null;
  /** Why it counts as a failure, in words an admin can act on; null when it worked. */
  error: string | null;
}

export interface PostOptions {
  timeoutMs: number;
  policy: UrlPolicy;
}

function describe(error: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return `No answer within ${timeoutMs / 1000} s.`;
  if (error instanceof PrivateAddressRefused) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'The connection was refused.';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'The host name could not be found.';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'The connection was closed before an answer came.';
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) return `The TLS connection failed (${code}).`;
  return `The request failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300);
}

/**
 * Sends `body` with `headers` to `url`. Plain node:http rather than fetch: its `lookup` hook lets
 * the address guard check the very address connected to, and nothing is followed on a redirect
 * (a redirect would be a way round the guard). Any 2xx is success; the answer's body is not read.
 */
export function postDelivery(url: string, body: string, headers: Record<string, string>, options: PostOptions): Promise<AttemptResult> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ ok: false, status: null, error: 'The webhook address is not a valid URL.' });
  }
  const refusal = literalRefusal(target, options.policy);
  if (refusal) return Promise.resolve({ ok: false, status: null, error: refusal });

  const signal = AbortSignal.timeout(options.timeoutMs);
  const lookup = guardedLookup(options.policy);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: AttemptResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const req = request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: false,
        signal,
        ...(lookup ? { lookup } : {}),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const words = res.statusMessage ? ` ${res.statusMessage.slice(0, 100)}` : '';
        res.destroy();
        if (status >= 200 && status < 300) settle({ ok: true, status, error: null });
        else if (status >= 300 && status < 400) settle({ ok: false, status, error: `Answered ${status}${words}: redirects are not followed, register the final address.` });
        else settle({ ok: false, status, error: `Answered ${status}${words}.` });
      },
    );
    req.on('error', (error) => settle({ ok: false, status: null, error: describe(error, signal, options.timeoutMs) }));
    req.end(body);
  });
}
