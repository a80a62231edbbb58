import { lookup } from 'node:dns/promises';

/** Longest wait for the system resolver, ms. */
const LOOKUP_TIMEOUT_MS = 10_000;

/** Every address of a host name (A and AAAA) from the system resolver; rejects when none. */
export async function systemLookup(host: string): Promise<string[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`DNS lookup of ${host} timed out`)), LOOKUP_TIMEOUT_MS);
  });
  try {
    const answers = await Promise.race([lookup(host, { all: true, verbatim: true }), timeout]);
    return answers.map((a) => a.address);
  } finally {
    clearTimeout(timer);
  }
}
