import ipaddr from 'ipaddr.js';

/**
 * Which hosts and ports a lab test may reach (docs/operations.md, "Lab tests: safety"). The lab
 * makes the server fetch what strangers ask, so every connection of a test — the page, each
 * redirect, each subresource — is checked against a policy before it is made.
 */
export interface TargetPolicy {
  /** Why a connection to this IP address is refused, or null when it is allowed. */
  refuseAddress(address: string): string | null;
  /** Why a connection to this TCP port is refused, or null when it is allowed. */
  refusePort(port: number): string | null;
  /** The policy as data, for the lab's worker thread (policies built by `targetPolicy()` have it). */
  readonly spec?: TargetPolicySpec;
}

/** A policy as data: non-public addresses it lets through (`all`, or these), and whether any port is. */
export interface TargetPolicySpec {
  allowAddresses: 'all' | readonly string[];
  anyPort: boolean;
}

/** The only ports a lab test connects to (HTTP and HTTPS defaults). */
export const LAB_PORTS: readonly number[] = [80, 443];

/**
 * Addresses of cloud metadata services. All of them already fall in a refused range (link-local,
 * CGNAT, reserved, unique-local); listed so that a change of the range rules cannot let them through.
 */
export const CLOUD_METADATA_ADDRESSES: readonly string[] = [
  '169.254.169.254', // AWS, GCP, Azure, OpenStack, DigitalOcean, Oracle
  '169.254.170.2', // AWS ECS task metadata
  '100.100.100.200', // Alibaba Cloud
  '192.0.0.192', // Oracle Cloud (legacy)
  'fd00:ec2::254', // AWS IMDS over IPv6
];

const METADATA = new Set(CLOUD_METADATA_ADDRESSES.map((a) => ipaddr.parse(a).toNormalizedString()));

/**
 * IPv6 forms that carry an IPv4 address. IPv4-mapped (::ffff:0:0/96) and the well-known NAT64
 * prefix (64:ff9b::/96, what a DNS64 resolver answers for an IPv4-only site) are judged by the
 * IPv4 address they embed. The others are refused whatever they embed: where they lead is up to
 * a relay, translator or stack the lab does not control, and no public page needs them.
 */
type Embedding = { judge: ipaddr.IPv4 } | { refuse: string };

function embeddingOf(address: ipaddr.IPv6): Embedding | null {
  const b = address.toByteArray();
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const starts = (...prefix: number[]) => prefix.every((x, i) => b[i] === x);
  const tail = () => new ipaddr.IPv4(b.slice(12, 16));
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return { judge: tail() };
  if (starts(0x00, 0x64, 0xff, 0x9b) && zeros(4, 12)) return { judge: tail() };
  if (zeros(0, 12) && !(zeros(12, 15) && (b[15] as number) <= 1))
    return { refuse: 'an IPv4-compatible IPv6 address (::/96)' };
  if (zeros(0, 8) && b[8] === 0xff && b[9] === 0xff && zeros(10, 12))
    return { refuse: 'an IPv4-translated IPv6 address (::ffff:0:0:0/96)' };
  if (starts(0x00, 0x64, 0xff, 0x9b, 0x00, 0x01))
    return { refuse: 'a local-use NAT64 address (64:ff9b:1::/48)' };
  if (starts(0x20, 0x02)) return { refuse: 'a 6to4 address (2002::/16)' };
  if (starts(0x20, 0x01, 0x00, 0x00)) return { refuse: 'a Teredo address (2001::/32)' };
  return null;
}

const RANGE_NAMES: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  uniqueLocal: 'a private (unique-local) address',
  linkLocal: 'a link-local address',
  carrierGradeNat: 'a carrier-grade NAT address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  unspecified: 'an unspecified address',
};

/**
 * The production rule: only global unicast addresses. Refused: loopback, private (RFC 1918, IPv6
 * unique-local), link-local, CGNAT, multicast, broadcast, unspecified, reserved and documentation
 * ranges, cloud metadata addresses, IPv4-mapped and NAT64 (64:ff9b::/96) addresses whose IPv4
 * address is refused, and every other IPv6 form that embeds an IPv4 address (IPv4-compatible,
 * IPv4-translated, local-use NAT64, 6to4, Teredo). Anything that does not parse is refused.
 */
export function refuseNonPublicAddress(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // A zone index (`fe80::1%eth0`) only appears on link-local addresses, refused anyway.
    parsed = ipaddr.parse(address.replace(/%.*$/, ''));
  } catch {
    return `'${address}' is not an IP address.`;
  }
  if (METADATA.has(parsed.toNormalizedString())) return `${address} is a cloud metadata address.`;
  const embedding = parsed.kind() === 'ipv6' ? embeddingOf(parsed as ipaddr.IPv6) : null;
  if (embedding && 'refuse' in embedding) return `${address} is ${embedding.refuse}.`;
  if (embedding) {
    const refusal = refuseNonPublicAddress(embedding.judge.toString());
    return refusal ? `${address} embeds ${embedding.judge.toString()}: ${refusal}` : null;
  }
  const range = parsed.range();
  if (range === 'unicast') return null;
  return `${address} is ${RANGE_NAMES[range] ?? `a reserved address (${range})`}.`;
}

/** The policy a spec describes: public addresses plus the spec's, ports 80/443 unless any port. */
export function targetPolicy(spec: TargetPolicySpec): TargetPolicy {
  const allowed = spec.allowAddresses === 'all' ? null : new Set(spec.allowAddresses);
  return {
    spec,
    refuseAddress: (address) =>
      allowed === null || allowed.has(address) ? null : refuseNonPublicAddress(address),
    refusePort: (port) =>
      spec.anyPort || LAB_PORTS.includes(port)
        ? null
        : `Port ${port} is refused: lab tests use ports 80 and 443 only.`,
  };
}

/** Production: public addresses on ports 80 and 443 only. */
export const STRICT_TARGET_POLICY: TargetPolicy = targetPolicy({ allowAddresses: [], anyPort: false });

/**
 * `SITE_TESTS_ALLOW_PRIVATE=1`: every address and port, for local development and the project's
 * own tests. Unsafe on a public server (it lets anyone make the server fetch its own network).
 */
export const PERMISSIVE_TARGET_POLICY: TargetPolicy = targetPolicy({ allowAddresses: 'all', anyPort: true });

/** The port a URL connects to (its explicit port, else its scheme's default). */
export function portOf(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' || url.protocol === 'wss:' ? 443 : 80;
}

/** The host of a URL as an address or a name (IPv6 literals without their brackets). */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** True when `host` is an IP literal (then no DNS answer is needed to judge it). */
export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(host) && (ipaddr.IPv4.isValidFourPartDecimal(host) || host.includes(':'));
}

/**
 * What can be judged of a URL without DNS: its port, and its host when it is an IP literal.
 * Null when nothing refuses it (a host name still has to be resolved and its addresses checked).
 */
export function refuseUrlWithoutDns(url: URL, policy: TargetPolicy): string | null {
  const portRefusal = policy.refusePort(portOf(url));
  if (portRefusal) return portRefusal;
  const host = hostOf(url);
  return isIpLiteral(host) ? policy.refuseAddress(host) : null;
}

/**
 * The addresses a host name resolved to, judged together: one refused address refuses the host
 * (a name that answers both a public and a private address must not be reachable through either).
 * The text never names the addresses: a refusal must not map the server's network for the asker.
 */
export function refuseResolvedAddresses(
  host: string,
  addresses: readonly string[],
  policy: TargetPolicy,
): string | null {
  if (addresses.length === 0) return `${host} has no address.`;
  if (addresses.some((address) => policy.refuseAddress(address) !== null))
    return `${host} resolves to a private or reserved address.`;
  return null;
}
