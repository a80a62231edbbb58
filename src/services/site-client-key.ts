const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    keys.set(secret, key);
  }
  return key;
}

/**
 * The key a client's measurements of one day are stored under: HMAC-SHA-256(secret, "day|client"),
 * the first 128 bits in hex. `client` is the rate limiter's key of the address (IPv4, IPv6 /64), so
 * both count the same clients; the address itself is never stored, and keys change every day, so
 * stored samples cannot be linked across days or back to an address without the secret.
 */
export async function siteClientKey(secret: string, client: string, day: number): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(`${day}|${client}`));
  let hex = '';
  for (const b of new Uint8Array(mac, 0, 16)) hex += b.toString(16).padStart(2, '0');
  return hex;
}
