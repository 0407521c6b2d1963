// Where a webhook may send reports: public https addresses in production; loopback and private networks only where the configuration allows.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { Config } from '../config.js';

/**
 * Webhook URLs are typed by an organisation's admin but fetched by the server, so without a guard
 * an admin could make the server POST into its own network (a metadata service, a database's HTTP
 * port, the API itself): server-side request forgery. In production the guard refuses any address
 * in these ranges, both when the webhook is made and at every delivery (the address a name resolves
 * to is checked as the connection is made, so a name that changes its answer later is caught too).
 */
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

/** True for loopback, private, link-local and other non-public addresses (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return BLOCKED.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

export interface UrlPolicy {
  /** Loopback and private addresses allowed (development, tests, an installation on its own network). */
  allowPrivate: boolean;
  /** http:// refused. */
  requireHttps: boolean;
}

/** Production refuses private addresses and plain http; WEBHOOK_ALLOW_PRIVATE_URLS=true lifts both. */
export function urlPolicy(config: Pick<Config, 'production' | 'webhookAllowPrivate'>): UrlPolicy {
  return { allowPrivate: config.webhookAllowPrivate, requireHttps: config.production && !config.webhookAllowPrivate };
}

const PRIVATE = 'It leads to a private or local network address, which webhooks may not use. Use the public address of the receiving system.';

/** The host of a URL as an address or name (no IPv6 brackets). */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** Why the URL cannot be used without looking its name up (scheme, a literal private address), or null. */
export function literalRefusal(url: URL, policy: UrlPolicy): string | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Use a web address starting with https://.';
  if (policy.requireHttps && url.protocol !== 'https:') return 'Use a web address starting with https:// (reports carry personal details).';
  const host = hostOf(url);
  if (!policy.allowPrivate && isIP(host) !== 0 && isPrivateAddress(host)) return PRIVATE;
  return null;
}

type Resolve = (host: string) => Promise<LookupAddress[]>;

const resolveAll: Resolve = (host) =>
  new Promise((done, fail) => dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? fail(error) : done(addresses))));

/**
 * Why an admin may not register this URL, or null. When private addresses are refused, the name is
 * looked up now so that the admin hears at once rather than from a failed delivery later.
 */
export async function urlRefusal(raw: string, policy: UrlPolicy, resolve: Resolve = resolveAll): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Use a web address starting with https://.';
  }
  const literal = literalRefusal(url, policy);
  if (literal || policy.allowPrivate || isIP(hostOf(url)) !== 0) return literal;
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(hostOf(url));
  } catch {
    return `The name ${url.hostname} could not be found. Check the address.`;
  }
  return addresses.length === 0 || addresses.some((a) => isPrivateAddress(a.address)) ? PRIVATE : null;
}

export class PrivateAddressRefused extends Error {
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a private or local address: not sent.`);
    this.name = 'PrivateAddressRefused';
  }
}

/**
 * A `lookup` for http.request that refuses private addresses, so the address checked is the
 * address connected to (no window for a name to change its answer between check and use).
 */
export function guardedLookup(policy: UrlPolicy): LookupFunction | undefined {
  if (policy.allowPrivate) return undefined;
  return ((hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const bad = addresses.find((a) => isPrivateAddress(a.address));
      if (bad || addresses.length === 0) return callback(new PrivateAddressRefused(hostname, bad?.address ?? 'nothing'), []);
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  }) as LookupFunction;
}
