import { siteClientKey } from '../site-client-key.js';

/** What a lab test is counted under for the fair queue (SITE_TEST_RULES.perClient, perNetwork). */
export interface LabClientKeys {
  client: string;
  network: string;
}

/**
 * The network of a rate-limit key (src/http/edge/client-key.ts): an IPv4 address's /24, an IPv6
 * /64's /48 (one site's allocation), `unknown` as is.
 */
export function networkOf(rateLimitKey: string): string {
  if (rateLimitKey.endsWith('::/64')) return `${rateLimitKey.split(':').slice(0, 3).join(':')}::/48`;
  const v4 = /^(\d+\.\d+\.\d+)\.\d+$/.exec(rateLimitKey);
  return v4 ? `${v4[1]}.0/24` : rateLimitKey;
}

/**
 * The keys of a client's lab tests: HMACs of its rate-limit key and of its network under the
 * site key secret, so that the table never holds an address (and the keys are cleared when the
 * test ends).
 */
export async function labClientKeys(rateLimitKey: string, secret: string): Promise<LabClientKeys> {
  const [client, network] = await Promise.all([
    siteClientKey(secret, `lab|${rateLimitKey}`, 0),
    siteClientKey(secret, `lab-net|${networkOf(rateLimitKey)}`, 0),
  ]);
  return { client, network };
}
