/**
 * Every line of every fixture file through its parser: nothing throws, the rejects are the
 * known junk and nothing else, and what is accepted is canonical (normalizing it again
 * changes nothing).
 */
import t, { type Test } from 'tap'
import { normalizeName } from '../../src/feeds/dns-name.js'
import { parseIPv4Address, parseIPv6Address } from '../../src/feeds/ip-address.js'
import { parsers } from '../../src/feeds/index.js'
import type { FeedKind, Observation, ParseResult } from '../../src/feeds/observation.js'
import { fixtureLines, message, NOW } from './fixtures/feed-samples.js'

/**
 * Rejects expected per file. All are lines from the 2018 WRCCDC capture where a DNSSEC
 * signature's presentation (`RRSIG 5 mozilla.org`) took the place of a name.
 */
const EXPECTED: Record<FeedKind, { ok: number, rejects: Record<string, number> }> = {
  spamhaus_new_domains: { ok: 658, rejects: {} },
  spamhaus_pdns_cname: { ok: 15_787, rejects: { bad_name_character: 88 } },
  spamhaus_pdns_ipv4: { ok: 40_693, rejects: { bad_name_character: 112 } },
  spamhaus_pdns_ipv6: { ok: 17_521, rejects: { bad_name_character: 12 } },
  spamhaus_pdns_mx: { ok: 1_382, rejects: {} },
  spamhaus_pdns_ns: { ok: 56_148, rejects: {} },
  spamhaus_pdns_txt: { ok: 871, rejects: {} },
  spamhaus_pdns_soa: { ok: 2_581, rejects: {} }
}

for (const kind of Object.keys(EXPECTED) as FeedKind[]) {
  t.test(kind, (t) => {
    const tally = parseAll(t, kind)
    t.equal(tally.thrown, 0, 'no line throws')
    t.equal(tally.ok, EXPECTED[kind].ok, 'accepted lines')
    t.same(tally.rejects, EXPECTED[kind].rejects, 'rejects by code')
    t.equal(tally.junkRejected, tally.rejected, 'every reject is an RRSIG junk line')
    t.equal(tally.notCanonical, 0, 'every accepted name and address is canonical')
    const rejects = JSON.stringify(tally.rejects)
    t.comment(`${kind}: ${tally.ok} ok, ${tally.rejected} rejected ${rejects}`)
    t.end()
  })
}

interface Tally {
  ok: number
  rejected: number
  rejects: Record<string, number>
  thrown: number
  junkRejected: number
  notCanonical: number
}

function parseAll (t: Test, kind: FeedKind): Tally {
  const tally: Tally = {
    ok: 0,
    rejected: 0,
    rejects: {},
    thrown: 0,
    junkRejected: 0,
    notCanonical: 0
  }
  for (const line of fixtureLines(kind)) {
    const result = parseSafely(t, kind, line)
    if (result === undefined) tally.thrown++
    else if (result.ok) {
      tally.ok++
      tally.notCanonical += result.observations.filter((o) => !isCanonical(o)).length
    } else {
      tally.rejected++
      tally.rejects[result.code] = (tally.rejects[result.code] ?? 0) + 1
      if (line.includes('RRSIG ')) tally.junkRejected++
    }
  }
  return tally
}

function parseSafely (t: Test, kind: FeedKind, line: string): ParseResult | undefined {
  try {
    return parsers[kind](message(line), NOW)
  } catch (error) {
    t.fail(`${kind} threw on ${line}: ${String(error)}`)
    return undefined
  }
}

function isCanonical (observation: Observation): boolean {
  if (!isCanonicalName(observation.rrname)) return false

  switch (observation.rrtype) {
    case 'A':
      return same(parseIPv4Address(observation.rdata), observation.rdata)
    case 'AAAA':
      return same(parseIPv6Address(observation.rdata), observation.rdata)
    case 'NS':
    case 'CNAME':
      return isCanonicalName(observation.rdata)
    default:
      return true
  }
}

function isCanonicalName (name: string): boolean {
  const again = normalizeName(name)
  return again.ok && again.name === name
}

function same (result: { ok: true, address: string } | { ok: false }, text: string): boolean {
  return result.ok && result.address === text
}
