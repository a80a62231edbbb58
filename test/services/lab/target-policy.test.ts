import { describe, expect, it } from 'vitest';
import {
  CLOUD_METADATA_ADDRESSES,
  PERMISSIVE_TARGET_POLICY,
  refuseNonPublicAddress,
  refuseResolvedAddresses,
  refuseUrlWithoutDns,
  STRICT_TARGET_POLICY,
} from '../../../src/services/lab/target-policy.js';

describe('lab target policy: addresses', () => {
  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '1.1.1.1',
    '2606:4700:4700::1111',
    '2a00:1450:4007:80f::200e',
    '::ffff:8.8.8.8', // IPv4-mapped public address
    '64:ff9b::808:808', // NAT64 of 8.8.8.8
  ])('allows the public address %s', (address) => {
    expect(refuseNonPublicAddress(address)).toBeNull();
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['198.18.0.1', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'], // IPv4-mapped
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:7f00:1', 'loopback'], // the same mapped loopback, hex form
    ['64:ff9b::a00:1', 'private'], // NAT64 of 10.0.0.1
    ['not-an-address', 'not an IP address'],
  ])('refuses %s (%s)', (address, kind) => {
    expect(refuseNonPublicAddress(address)).toContain(kind);
  });

  // Refused whatever IPv4 address they embed, public ones included: a relay or translator decides
  // where they lead. Mapped and 64:ff9b::/96 are judged by their IPv4 address (above).
  it.each([
    ['::7f00:1', 'an IPv4-compatible IPv6 address (::/96)'], // ::127.0.0.1 as the URL parser writes it
    ['::808:808', 'an IPv4-compatible IPv6 address (::/96)'], // ::8.8.8.8
    ['::2', 'an IPv4-compatible IPv6 address (::/96)'],
    ['::ffff:0:7f00:1', 'an IPv4-translated IPv6 address (::ffff:0:0:0/96)'],
    ['::ffff:0:808:808', 'an IPv4-translated IPv6 address (::ffff:0:0:0/96)'],
    ['64:ff9b:1::7f00:1', 'a local-use NAT64 address (64:ff9b:1::/48)'],
    ['64:ff9b:1:808:8:800::', 'a local-use NAT64 address (64:ff9b:1::/48)'],
    ['2002:7f00:1::', 'a 6to4 address (2002::/16)'], // 6to4 of 127.0.0.1
    ['2002:808:808::1', 'a 6to4 address (2002::/16)'], // 6to4 of 8.8.8.8
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'a Teredo address (2001::/32)'], // client 127.0.0.1
    ['2001:0:808:808::1', 'a Teredo address (2001::/32)'],
  ])('refuses the IPv4-embedding form %s outright', (address, form) => {
    expect(refuseNonPublicAddress(address)).toBe(`${address} is ${form}.`);
  });

  it('judges mapped and well-known NAT64 addresses by what they embed', () => {
    expect(refuseNonPublicAddress('::ffff:7f00:1')).toBe(
      '::ffff:7f00:1 embeds 127.0.0.1: 127.0.0.1 is a loopback address.',
    );
    expect(refuseNonPublicAddress('64:ff9b::a9fe:a9fe')).toBe(
      '64:ff9b::a9fe:a9fe embeds 169.254.169.254: 169.254.169.254 is a cloud metadata address.',
    );
    expect(refuseNonPublicAddress('64:ff9b::808:808')).toBeNull();
    // Global unicast next to those ranges stays allowed.
    expect(refuseNonPublicAddress('2001:4860:4860::8888')).toBeNull();
    expect(refuseNonPublicAddress('2003::1')).toBeNull();
  });

  it.each(CLOUD_METADATA_ADDRESSES)('refuses the cloud metadata address %s', (address) => {
    expect(refuseNonPublicAddress(address)).toBe(`${address} is a cloud metadata address.`);
  });

  it('refuses the IPv4-mapped form of the metadata address by what it embeds', () => {
    expect(refuseNonPublicAddress('::ffff:169.254.169.254')).toBe(
      '::ffff:169.254.169.254 embeds 169.254.169.254: 169.254.169.254 is a cloud metadata address.',
    );
  });
});

describe('lab target policy: URLs and resolved names', () => {
  const strict = (url: string) => refuseUrlWithoutDns(new URL(url), STRICT_TARGET_POLICY);

  it('allows names and public literals on ports 80 and 443 (the name is judged once resolved)', () => {
    expect(strict('http://example.org/')).toBeNull();
    expect(strict('https://example.org:443/a')).toBeNull();
    expect(strict('http://93.184.216.34/')).toBeNull();
    expect(strict('https://[2606:4700:4700::1111]/')).toBeNull();
  });

  it('refuses other ports and private literals, whatever spelling the URL parser normalises', () => {
    expect(strict('https://example.org:8443/')).toBe(
      'Port 8443 is refused: lab tests use ports 80 and 443 only.',
    );
    expect(strict('http://example.org:22/')).toContain('Port 22 is refused');
    expect(strict('http://127.0.0.1/')).toBe('127.0.0.1 is a loopback address.');
    expect(strict('http://2130706433/')).toBe('127.0.0.1 is a loopback address.'); // decimal form
    expect(strict('http://0x7f.1/')).toBe('127.0.0.1 is a loopback address.'); // hex, short form
    expect(strict('http://[::1]/')).toBe('::1 is a loopback address.');
    expect(strict('http://[::ffff:127.0.0.1]/')).toContain('loopback');
    expect(strict('http://[::127.0.0.1]/')).toBe('::7f00:1 is an IPv4-compatible IPv6 address (::/96).');
    expect(strict('http://[2002:7f00:1::]/')).toBe('2002:7f00:1:: is a 6to4 address (2002::/16).');
    expect(strict('http://169.254.169.254/latest/meta-data/')).toBe(
      '169.254.169.254 is a cloud metadata address.',
    );
  });

  it('SITE_TESTS_ALLOW_PRIVATE lifts both the address and the port rule', () => {
    const permissive = (url: string) => refuseUrlWithoutDns(new URL(url), PERMISSIVE_TARGET_POLICY);
    expect(permissive('http://127.0.0.1:8080/')).toBeNull();
    expect(permissive('http://169.254.169.254/')).toBeNull();
  });

  it('refuses a name when any of its addresses is refused, without naming them', () => {
    expect(
      refuseResolvedAddresses('example.org', ['93.184.216.34', '2606:2800::1'], STRICT_TARGET_POLICY),
    ).toBeNull();
    expect(
      refuseResolvedAddresses('rebind.example', ['93.184.216.34', '10.0.0.7'], STRICT_TARGET_POLICY),
    ).toBe('rebind.example resolves to a private or reserved address.');
    for (const address of ['127.0.0.1', '::7f00:1', '2002:a00:7::', '64:ff9b::a9fe:a9fe', '169.254.169.254'])
      expect(refuseResolvedAddresses('vm', [address], STRICT_TARGET_POLICY)).toBe(
        'vm resolves to a private or reserved address.',
      );
    expect(refuseResolvedAddresses('empty.example', [], STRICT_TARGET_POLICY)).toBe(
      'empty.example has no address.',
    );
  });
});
