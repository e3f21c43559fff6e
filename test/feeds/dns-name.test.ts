import { domainToUnicode } from 'node:url'
import t from 'tap'
import { MAX_NAME_OCTETS, normalizeName, ROOT_NAME } from '../../src/feeds/dns-name.js'

const canonical = (raw: string) => {
  const result = normalizeName(raw)
  return result.ok ? result.name : `${result.code}`
}

t.test('canonical form', (t) => {
  const cases: [string, string][] = [
    ['example.com', 'example.com.'],
    ['example.com.', 'example.com.'],
    ['WWW.Example.COM.', 'www.example.com.'],
    ['WWW.Example.COM', 'www.example.com.'],
    ['_dmarc.example.com', '_dmarc.example.com.'],
    ['_sip._tcp.example.com', '_sip._tcp.example.com.'],
    ['*.example.com', '*.example.com.'],
    ['0/25.2.0.192.in-addr.arpa', '0/25.2.0.192.in-addr.arpa.'],
    ['-odd-.example', '-odd-.example.'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de.'],
    ['com', 'com.'],
    ['com.', 'com.'],
    ['.', ROOT_NAME]
  ]
  for (const [raw, name] of cases) t.equal(canonical(raw), name, JSON.stringify(raw))
  t.end()
})

t.test('Unicode labels become punycode, one label at a time', (t) => {
  t.equal(canonical('bücher.de'), 'xn--bcher-kva.de.')
  t.equal(canonical('BÜCHER.DE.'), 'xn--bcher-kva.de.', 'after lower-casing')
  t.equal(canonical('日本語.jp'), 'xn--wgv71a119e.jp.')
  t.equal(canonical('_dmärc.example'), 'xn--_dmrc-ira.example.', 'the underscore survives')
  t.equal(domainToUnicode('xn--_dmrc-ira.example'), '_dmärc.example', 'and decodes back')
  t.equal(canonical('bücher.0/25.2.0.192.in-addr.arpa'),
    'xn--bcher-kva.0/25.2.0.192.in-addr.arpa.', 'ASCII labels never go through URL parsing')
  t.equal(canonical('１２３.example'), 'bad_idn', 'full-width digits are not read as IPv4')
  t.equal(canonical('ＡＢＣ.example'), 'bad_idn', 'maps to plain ASCII, not an A-label')
  t.equal(canonical('a．b.example'), 'bad_idn', 'a full-width dot is not a separator')
  t.equal(canonical('a\u200db.example'), 'bad_idn', 'refused by IDNA')
  t.equal(canonical(`${'é'.repeat(60)}.example`), 'label_too_long', 'punycode over 63')
  t.end()
})

t.test('escapes (RFC 1035 5.1) have one spelling', (t) => {
  const mbox = 'disa\\.columbus\\.ns\\.mbx\\.hostmaster-dod-nic.mail.mil.'
  t.equal(canonical(mbox), mbox)
  t.equal(canonical('first\\046last.example'), 'first\\.last.example.', '\\046 is \\.')
  t.equal(canonical('a\\065b.example'), 'aab.example.', 'a plain octet is unescaped, lowered')
  t.equal(canonical('a\\032b.example'), 'a\\032b.example.', 'a space stays escaped')
  t.equal(canonical('a\\042.example'), 'a\\042.example.', 'an escaped * is not a wildcard')
  t.equal(canonical('trailing\\..'), 'trailing\\..', 'an escaped dot is no root dot')
  t.equal(canonical('trailing\\.'), 'trailing\\..', 'the root dot goes after it')
  for (const bad of ['a\\256.example', 'a\\12.example', 'a\\x.example', 'a\\\\b', 'end\\']) {
    t.equal(canonical(bad), 'bad_escape', JSON.stringify(bad))
  }
  t.end()
})

t.test('escaped octets count once toward the limits', (t) => {
  t.equal(canonical(`${'\\.'.repeat(63)}.example`), `${'\\.'.repeat(63)}.example.`)
  t.equal(canonical(`${'\\.'.repeat(64)}.example`), 'label_too_long')
  t.end()
})

t.test('length limits (RFC 1035 2.3.4)', (t) => {
  const label63 = 'a'.repeat(63)
  const longest = `${label63}.${label63}.${label63}.${'b'.repeat(61)}`
  t.equal(longest.length, MAX_NAME_OCTETS)
  t.equal(canonical(longest), `${longest}.`, '253 octets')
  t.equal(canonical(`${longest}.`), `${longest}.`, '253 octets and the root dot')
  t.equal(canonical(`${longest}b`), 'name_too_long', '254 octets')
  t.equal(canonical(`${longest}b.`), 'name_too_long', '254 octets and the root dot')
  t.equal(canonical(`${longest.toUpperCase()}B`), 'name_too_long', '254 octets, slow path')
  t.equal(canonical(`${label63}.com`), `${label63}.com.`)
  t.equal(canonical(`${label63}a.com`), 'label_too_long')
  t.equal(canonical('x'.repeat(100_000)), 'name_too_long', 'a huge value is refused early')
  t.end()
})

t.test('the root dot is not counted toward the 253 octets, on the slow path either', (t) => {
  const label63 = 'a'.repeat(63)
  const longest = `${label63}.${label63}.${label63}.${'b'.repeat(61)}`
  const upper = longest.toUpperCase()
  t.equal(canonical(upper), `${longest}.`, '253 octets')
  t.equal(canonical(`${upper}.`), `${longest}.`, '253 octets and the root dot')
  t.equal(canonical(`${upper}B.`), 'name_too_long', '254 octets and the root dot')
  const over = normalizeName(`${upper}B.`)
  t.match(over.ok ? '' : over.reason, / is 254 octets long; the limit is 253 octets$/)
  // Written as \DDD the text is four times longer; the octets, not the characters, decide.
  const escaped = longest.replace(/[ab]/g, (c) => `\\0${c.charCodeAt(0)}`)
  t.equal(canonical(`${escaped}.`), `${longest}.`, '253 octets as escapes and the root dot')
  const escapedOver = normalizeName(`${escaped}\\098.`)
  t.match(escapedOver.ok ? '' : escapedOver.reason, / is 254 octets long;/, '254 as escapes')
  t.end()
})

t.test('junk is rejected, nothing is trimmed', (t) => {
  const cases: [string, string][] = [
    ['', 'empty_name'],
    ['..', 'empty_label'],
    ['example.com..', 'empty_label'],
    ['.example.com', 'empty_label'],
    ['a..b', 'empty_label'],
    [' example.com', 'bad_name_character'],
    ['example.com ', 'bad_name_character'],
    ['RRSIG 5 mozilla.net', 'bad_name_character'],
    ['exa\tmple.com', 'bad_name_character'],
    ['exa\u0000mple.com', 'bad_name_character'],
    ['exa\u007fmple.com', 'bad_name_character'],
    ['[brackets].com', 'bad_name_character'],
    ['user@example.com', 'bad_name_character'],
    ['a.*.example.com', 'bad_wildcard'],
    ['*a.example.com', 'bad_wildcard'],
    ['**.example.com', 'bad_wildcard']
  ]
  for (const [raw, code] of cases) t.equal(canonical(raw), code, JSON.stringify(raw))
  t.end()
})

t.test('reasons name the field and the problem', (t) => {
  const cases: [string, string][] = [
    ['RRSIG 5 mozilla.net', 'hostname "RRSIG 5 mozilla.net" contains a space'],
    ['a..b', 'hostname "a..b" has an empty label'],
    ['a\tb', 'hostname "a\\tb" contains the control character U+0009'],
    ['a@b', 'hostname "a@b" contains the character "@"'],
    ['', 'the hostname is empty']
  ]
  for (const [raw, reason] of cases) {
    const result = normalizeName(raw, 'hostname')
    t.equal(result.ok ? '' : result.reason, reason)
  }
  t.end()
})

t.test('normalizing a canonical name changes nothing', (t) => {
  const samples = ['WWW.Example.COM.', 'bücher.de', 'a\\065\\046b.example', '*.X.example', '.']
  for (const raw of samples) {
    const once = canonical(raw)
    t.equal(canonical(once), once, JSON.stringify(raw))
  }
  t.end()
})
