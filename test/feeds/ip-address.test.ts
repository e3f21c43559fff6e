import { isIPv6 } from 'node:net'
import t from 'tap'
import {
  bytesToIp,
  ipToBytes,
  parseCidr,
  parseIp,
  parseIPv4Address,
  parseIPv6Address
} from '../../src/feeds/ip-address.js'

const v6 = (text: string) => {
  const result = parseIPv6Address(text)
  return result.ok ? result.address : result.code
}

/** A small seeded generator, so the "random" cases are the same on every run. */
function seeded (seed: number): () => number {
  let state = seed
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    return state / 2 ** 32
  }
}

/** Eight groups, zero-heavy so that runs of zeros of every length and position come up. */
function randomGroups (next: () => number): number[] {
  return Array.from({ length: 8 }, () => (next() < 0.5 ? 0 : Math.floor(next() * 0x10000)))
}

t.test('IPv4: strict dotted quads only', (t) => {
  t.same(parseIPv4Address('192.0.2.1'), { ok: true, address: '192.0.2.1' })
  const bad = ['1.2.3.256', '01.2.3.4', '1.2.3', '1.2.3.4.5', '0x1.2.3.4', '1.2.3.4 ', '',
    '::1', '1.2.3.4%0', '١.2.3.4']
  for (const text of bad) t.equal(parseIPv4Address(text).ok, false, JSON.stringify(text))
  t.end()
})

t.test('IPv6: RFC 5952 section 4 examples', (t) => {
  t.equal(v6('2001:db8:0:0:0:0:2:1'), '2001:db8::2:1', '4.2.1 longest run as ::')
  t.equal(v6('2001:db8:0:1:1:1:1:1'), '2001:db8:0:1:1:1:1:1', '4.2.2 a lone 0 stays')
  t.equal(v6('2001:0:0:1:0:0:0:1'), '2001:0:0:1::1', '4.2.3 the longest run wins')
  t.equal(v6('2001:db8:0:0:1:0:0:1'), '2001:db8::1:0:0:1', '4.2.3 the first of equal runs')
  t.equal(v6('2001:DB8::AbCd'), '2001:db8::abcd', '4.3 lower case')
  t.equal(v6('2001:0db8::0001'), '2001:db8::1', '4.1 no leading zeros')
  t.equal(v6('0:0:0:0:0:0:0:0'), '::')
  t.equal(v6('0:0:0:0:0:0:0:1'), '::1')
  t.equal(v6('1:0:0:0:0:0:0:0'), '1::')
  t.end()
})

t.test('IPv6: embedded IPv4 (RFC 5952 section 5)', (t) => {
  t.equal(v6('::ffff:192.0.2.1'), '::ffff:192.0.2.1', 'IPv4-mapped keeps the dotted quad')
  t.equal(v6('0:0:0:0:0:FFFF:C000:0201'), '::ffff:192.0.2.1', 'and gains it')
  t.equal(v6('::192.0.2.1'), '::c000:201', 'deprecated IPv4-compatible: plain hex')
  t.equal(v6('64:ff9b::192.0.2.1'), '64:ff9b::c000:201', 'NAT64: plain hex')
  t.equal(v6('1:2:3:4:5:6:1.2.3.4'), '1:2:3:4:5:6:102:304')
  t.equal(v6('::ffff:1.2.3.04'), 'bad_ipv6', 'the IPv4 part is strict too')
  t.equal(v6('1:2:3:4:5:6:7:1.2.3.4'), 'bad_ipv6', 'nine groups')
  t.equal(v6('1.2.3.4::'), 'bad_ipv6', 'IPv4 only at the end')
  t.end()
})

t.test('IPv6: zone ids have their own code', (t) => {
  t.equal(v6('fe80::1%eth0'), 'ipv6_zone_id')
  t.equal(v6('fe80::1%25eth0'), 'ipv6_zone_id')
  t.end()
})

t.test('IPv6: every generated address serializes as the WHATWG URL serializer does', (t) => {
  const next = seeded(5952)
  let checked = 0
  for (let i = 0; i < 3000; i++) {
    const groups = randomGroups(next)
    const full = groups.map((g) => g.toString(16).padStart(4, '0').toUpperCase()).join(':')
    const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff
    if (mapped) continue
    const expected = new URL(`http://[${full}]/`).hostname.slice(1, -1)
    if (v6(full) !== expected) t.fail(`${full}: ${v6(full)} != ${expected}`)
    else checked++
    if (v6(expected) !== expected) t.fail(`${expected} is not stable`)
  }
  t.ok(checked > 2900, `${checked} addresses agree`)
  t.end()
})

t.test('IPv6: accepts exactly what node:net accepts (zone ids aside)', (t) => {
  const next = seeded(4291)
  const alphabet = '0123456789abcdefABCDEFG:.:: %/[]'
  let disagreements = 0
  const seen = { valid: 0, invalid: 0 }
  for (let i = 0; i < 20_000; i++) {
    const base = v6Mutation(next, alphabet)
    if (base.includes('%')) continue
    seen[isIPv6(base) ? 'valid' : 'invalid']++
    if (parseIPv6Address(base).ok !== isIPv6(base)) {
      disagreements++
      t.fail(`${JSON.stringify(base)}: ours ${parseIPv6Address(base).ok}, node ${isIPv6(base)}`)
    }
  }
  t.equal(disagreements, 0)
  t.ok(seen.valid > 2000 && seen.invalid > 2000, `${JSON.stringify(seen)}: both kinds tried`)
  t.end()
})

/** A valid address with a few characters changed, dropped or doubled. */
function v6Mutation (next: () => number, alphabet: string): string {
  const groups = randomGroups(next)
  const plain = groups.map((g) => g.toString(16)).join(':')
  let text = next() < 0.3 ? plain : v6(plain)
  if (next() < 0.2) text = `::ffff:${Math.floor(next() * 300)}.1.2.3`
  const edits = Math.floor(next() * 3)
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * (text.length + 1))
    const char = alphabet[Math.floor(next() * alphabet.length)]!
    const kind = next()
    if (kind < 0.33) text = text.slice(0, at) + char + text.slice(at)
    else if (kind < 0.66) text = text.slice(0, at) + text.slice(at + 1)
    else text = text.slice(0, at) + char + text.slice(at + 1)
  }
  return text
}

t.test('parseIp tells the families apart and gives bytes', (t) => {
  const v4 = parseIp('192.0.2.1')
  t.same(v4, { ok: true, version: 4, text: '192.0.2.1', bytes: Buffer.from([192, 0, 2, 1]) })
  const six = parseIp('2001:DB8::1')
  t.ok(six.ok && six.version === 6 && six.text === '2001:db8::1')
  t.equal(six.ok && six.bytes.toString('hex'), '20010db8000000000000000000000001')
  t.equal(parseIp('nonsense').ok, false)
  t.end()
})

t.test('bytes round trip', (t) => {
  for (const address of ['0.0.0.0', '255.255.255.255', '192.0.2.1', '::', '::1',
    '2001:db8::1:0:0:1', '::ffff:192.0.2.1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff']) {
    const bytes = ipToBytes(address)
    t.equal(bytes.length, address.includes(':') ? 16 : 4)
    t.equal(bytesToIp(bytes), address, address)
    t.equal(bytesToIp(new Uint8Array(bytes)), address, `${address} from a Uint8Array`)
  }
  t.throws(() => ipToBytes('1.2.3.256'), TypeError)
  t.throws(() => bytesToIp(Buffer.alloc(5)), RangeError)
  t.end()
})

t.test('bytes order like the addresses', (t) => {
  const sorted = ['0.0.0.1', '9.255.255.255', '10.0.0.0', '10.0.0.1', '192.0.2.1']
  const byBytes = [...sorted].reverse().sort((a, b) => Buffer.compare(ipToBytes(a), ipToBytes(b)))
  t.same(byBytes, sorted)
  t.end()
})

t.test('CIDR ranges', (t) => {
  const range = (text: string) => {
    const r = parseCidr(text)
    return r.ok ? [r.text, r.first.toString('hex'), r.last.toString('hex')] : r.code
  }
  t.same(range('192.0.2.0/24'), ['192.0.2.0/24', 'c0000200', 'c00002ff'])
  t.same(range('192.0.2.0,24'), ['192.0.2.0/24', 'c0000200', 'c00002ff'], 'comma form')
  t.same(range('192.0.2.77/24'), ['192.0.2.0/24', 'c0000200', 'c00002ff'], 'host bits ignored')
  t.same(range('10.1.2.3/13'), ['10.0.0.0/13', '0a000000', '0a07ffff'], 'mid-octet prefix')
  t.same(range('0.0.0.0/0'), ['0.0.0.0/0', '00000000', 'ffffffff'])
  t.same(range('192.0.2.1'), ['192.0.2.1/32', 'c0000201', 'c0000201'], 'a bare address')
  t.same(range('2001:db8::/32'),
    ['2001:db8::/32', '20010db8' + '0'.repeat(24), '20010db8' + 'f'.repeat(24)])
  t.same(range('::/0'), ['::/0', '0'.repeat(32), 'f'.repeat(32)])
  t.same(range('2001:db8::1,128'),
    ['2001:db8::1/128', '20010db8' + '0'.repeat(23) + '1', '20010db8' + '0'.repeat(23) + '1'])
  for (const bad of ['192.0.2.0/33', '192.0.2.0/024', '192.0.2.0/', '192.0.2.0/-1',
    '2001:db8::/129', '1.2.3/8', '/8', '192.0.2.0/24/1', 'x']) {
    t.equal(range(bad), 'bad_cidr', bad)
  }
  t.end()
})
