// Latency of sequential keep-alive GET requests over one connection: with wrk (a C client, so the
// client's own pauses stay out of the tail) where it is installed, else with Node's fetch.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { percentile } from './stats.mjs';

/** fetch, once more if the server had just closed the idle keep-alive socket it was sent on. */
export async function fetchAgain(url, headers = {}) {
  try {
    return await fetch(url, { headers });
  } catch (error) {
    if (error?.cause?.code !== 'UND_ERR_SOCKET') throw error;
    return fetch(url, { headers });
  }
}


/** Runs wrk with one connection (sequential keep-alive requests) over a Lua list of paths; latencies in ms. */
export function wrkLatency(base, paths, dir, duration, headers = {}) {
  const script = join(dir, 'paths.lua');
  writeFileSync(
    script,
    `local paths = {\n${paths.map((p) => `  ${JSON.stringify(p)},`).join('\n')}\n}\n${Object.entries(headers).map(([name, value]) => `wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}\n`).join('')}local i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format("GET", paths[i])\nend\n`,
  );
  const out = execFileSync('wrk', ['-t1', '-c1', `-d${duration}`, '--latency', '-s', script, base], { encoding: 'utf8' });
  const errors = out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1];
  if (errors) throw new Error(`wrk saw ${errors} error responses`);
  const at = (p) => {
    const m = out.match(new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm'));
    return m ? Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]] : NaN;
  };
  return { p50: at(50), p99: at(99), requests: Number(out.match(/(\d+) requests in/)?.[1]) };
}

/** Sequential keep-alive requests from Node (when wrk is missing); latencies in ms. */
export async function nodeLatency(base, paths, seconds, headers = {}) {
  const times = [];
  const end = performance.now() + seconds * 1000;
  for (let i = 0; performance.now() < end; i++) {
    const t0 = performance.now();
    const response = await fetchAgain(base + paths[i % paths.length], headers);
    await response.arrayBuffer();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), requests: times.length };
}
