import t, { type Test } from 'tap'
import { formatTxtRdata } from '../../src/feeds/txt-rdata.js'
import type { Store } from '../../src/store/store.js'
import type { TxtMatch, TxtSearch } from '../../src/store/txt-search-queries.js'
import { asciiLower } from '../../src/store/txt-needle.js'
import { batchOf, obs, tempStore } from '../helpers/temp-store.js'

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be repeated. */
function random (seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let z = Math.imul(state ^ (state >>> 15), 1 | state)
    z ^= z + Math.imul(z ^ (z >>> 7), 61 | z)
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296
  }
}

/** Characters that the stored form escapes or that SQL patterns treat specially. */
const ALPHABET = ['a', 'B', '1', '0', '\\', '"', '\n', ' ', '%', '_', 'é', '😀', '\u0001']

interface TxtRow {
  rrname: string
  strings: string[]
}

function txtStore (t: Test, rows: TxtRow[]): Store {
  const store = tempStore(t)
  store.write(batchOf(rows.map((row, i) =>
    obs(row.rrname, 'TXT', formatTxtRdata(row.strings), 1_467_700_000 + i))))
  return store
}

/** Every page of a search, following cursors; fails the test on a cycle. */
function allPages (t: Test, store: Store, search: Omit<TxtSearch, 'cursor'>) {
  const pages = []
  let cursor: string | undefined
  do {
    const page = store.txt.search({ ...search, cursor })
    pages.push(page)
    cursor = page.nextCursor
    if (pages.length > 10_000) throw new Error('paging does not end')
  } while (cursor !== undefined)
  t.ok(pages.length > 0)

  return pages
}

function keysOf (records: Array<{ rrname: string, rdata: string }>): string[] {
  return records.map((r) => `${r.rrname} ${r.rdata}`)
}

const everything = { limit: 1000, scanLimit: 1_000_000 }

t.test('a text inside a record is found as sent: quotes, %, _, backslashes, Unicode', async (t) => {
  const store = txtStore(t, [
    { rrname: 'quotes.example.', strings: ['say "hello" twice'] },
    { rrname: 'percent.example.', strings: ['100% sure'] },
    { rrname: 'underscore.example.', strings: ['_spf_a_b.example'] },
    { rrname: 'backslash.example.', strings: ['C:\\path\\to'] },
    { rrname: 'unicode.example.', strings: ['ünïcødé ✓ 😀 token'] },
    { rrname: 'control.example.', strings: ['tab\there'] },
    { rrname: 'decoy.example.', strings: ['100 sure', 'axspfxaxb', 'C:/path/to', 'say hello'] }
  ])
  const found = (text: string) => store.txt.search({
    match: { kind: 'contains', text, ignoreCase: false }, ...everything
  }).records.map((r) => r.rrname)

  t.same(found('"hello"'), ['quotes.example.'])
  t.same(found('100%'), ['percent.example.'], '% is a plain character')
  t.same(found('_spf_a'), ['underscore.example.'], '_ is a plain character')
  t.same(found('C:\\path\\'), ['backslash.example.'])
  t.same(found('ødé ✓ 😀'), ['unicode.example.'])
  t.same(found('tab\there'), ['control.example.'], 'a control character as the feed sent it')
  t.same(found('tab\\009here'), [], 'not the escape the store writes for it')
  t.same(found('% su'), ['percent.example.'])
})

t.test('a text that occurs only inside an escape is not a match', async (t) => {
  const store = txtStore(t, [
    { rrname: 'linefeed.example.', strings: ['\nabcd'] },
    { rrname: 'digits.example.', strings: ['x10abcd'] },
    { rrname: 'backslashes.example.', strings: ['a\\\\'] },
    { rrname: 'quote.example.', strings: ['zz\\"'] }
  ])
  const found = (text: string) => store.txt.search({
    match: { kind: 'contains', text, ignoreCase: false }, ...everything
  }).records.map((r) => r.rrname)

  t.same(found('10abcd'), ['digits.example.'], 'not in "\\010abcd", the line feed before abcd')
  t.same(found('\nabc'), ['linefeed.example.'])
  t.same(found('z\\"'), ['quote.example.'])
  t.same(found('\\"'), ['quote.example.'], 'not across the end of "a\\\\\\\\"')
})

t.test('every match and nothing else, against a brute-force oracle', async (t) => {
  const next = random(20_240_501)
  const text = (length: number) =>
    Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('')
  const rows: TxtRow[] = Array.from({ length: 300 }, (_, i) => ({
    rrname: `r${i % 37}.example.`,
    strings: Array.from({ length: 1 + Math.floor(next() * 3) },
      () => text(1 + Math.floor(next() * 12)))
  }))
  const store = txtStore(t, rows)
  const stored = new Map(rows.map((row) => [`${row.rrname} ${formatTxtRdata(row.strings)}`, row]))

  for (let round = 0; round < 150; round++) {
    // By characters: half a surrogate pair is no text anyone searches for.
    const source = [...rows[Math.floor(next() * rows.length)]!.strings.join('')]
    const start = Math.floor(next() * Math.max(1, source.length - 4))
    const needle = round % 3 === 0
      ? text(4)
      : source.slice(start, start + 4 + Math.floor(next() * 3)).join('')
    if ([...needle].length < 4) continue
    for (const ignoreCase of [false, true]) {
      const fold = (s: string) => ignoreCase ? asciiLower(s) : s
      const expected = [...stored].filter(([, row]) =>
        row.strings.some((s) => fold(s).includes(fold(needle)))).map(([key]) => key).sort()
      const got = keysOf(store.txt.search({
        match: { kind: 'contains', text: needle, ignoreCase }, ...everything
      }).records).sort()
      t.same(got, expected, `${JSON.stringify(needle)} ignoreCase=${ignoreCase}`)
    }
  }
})

t.test('ignore_case folds ASCII letters only', async (t) => {
  const store = txtStore(t, [
    { rrname: 'a.example.', strings: ['v=spf1 include:_SPF.Example.COM -all'] },
    { rrname: 'b.example.', strings: ['ÉCOLE token'] }
  ])
  const found = (text: string, ignoreCase: boolean) => store.txt.search({
    match: { kind: 'contains', text, ignoreCase }, ...everything
  }).records.map((r) => r.rrname)

  t.same(found('include:_spf.example.com', true), ['a.example.'])
  t.same(found('include:_spf.example.com', false), [])
  t.same(found('école', true), [], 'É is not folded to é')
  t.same(found('ÉCOLE', true), ['b.example.'])
})

t.test('paging covers every match exactly once, whatever the page size and scan bound',
  async (t) => {
    const rows = Array.from({ length: 23 }, (_, i) => ({
      rrname: `n${i % 5}.example.`,
      strings: [i % 3 === 0 ? `token-${i}` : `match-${i} here`]
    }))
    rows.push({ rrname: 'n0.example.', strings: ['match-1 here'] },
      { rrname: 'n9.example.', strings: ['match-1 here'] })
    const store = txtStore(t, rows)
    const match: TxtMatch = { kind: 'contains', text: 'match-', ignoreCase: false }
    const expected = keysOf(store.txt.search({ match, ...everything }).records)
    t.equal(expected.length, 17, 'the rows that hold the text, one text under three names')
    t.same([...expected].sort(), [...expected].sort((a, b) => a < b ? -1 : 1), 'in rdata order')

    for (const limit of [1, 2, 3, 4, 5, 7, 16, 17, 18, 100]) {
      for (const scanLimit of [1, 2, 3, 5, 24, 25, 26, 1000]) {
        const pages = allPages(t, store, { match, limit, scanLimit })
        const got = pages.flatMap((page) => keysOf(page.records))
        t.same(got, expected, `limit=${limit} scanLimit=${scanLimit}`)
        for (const page of pages) {
          if (page.records.length > limit) t.fail(`a page over ${limit}`)
          if (page.scanLimited && page.nextCursor === undefined) t.fail('scan limited, no cursor')
        }
      }
    }
  })

t.test('a bounded scan stops, says so, and its cursor continues where it stopped', async (t) => {
  const store = txtStore(t, [
    ...Array.from({ length: 6 }, (_, i) => ({ rrname: `a${i}.example.`, strings: [`aaa ${i}`] })),
    { rrname: 'needle.example.', strings: ['zzz needle'] }
  ])
  const match: TxtMatch = { kind: 'contains', text: 'needle', ignoreCase: false }

  const first = store.txt.search({ match, limit: 10, scanLimit: 3 })
  t.same(first.records, [], 'the first 3 entries hold no match')
  t.equal(first.scanLimited, true)
  t.type(first.nextCursor, 'string')
  const second = store.txt.search({ match, limit: 10, scanLimit: 3, cursor: first.nextCursor })
  t.same(second.records, [])
  t.equal(second.scanLimited, true)
  const third = store.txt.search({ match, limit: 10, scanLimit: 3, cursor: second.nextCursor })
  t.same(third.records.map((r) => r.rrname), ['needle.example.'])
  t.equal(third.scanLimited, false, 'the last entry was in this window: nothing follows')
  t.equal(third.nextCursor, undefined)

  const exact = store.txt.search({ match, limit: 10, scanLimit: 7 })
  t.same(exact.records.map((r) => r.rrname), ['needle.example.'])
  t.equal(exact.nextCursor, undefined, 'a window that ends on the last entry has no cursor')
  t.equal(exact.scanLimited, false)
})

t.test('prefix and exact are index ranges', async (t) => {
  const store = txtStore(t, [
    { rrname: 'spf.example.', strings: ['v=spf1 include:_spf.example.net -all'] },
    { rrname: 'spf2.example.', strings: ['v=spf1 include:_spf.example.net ~all'] },
    { rrname: 'split.example.', strings: ['v=spf1 include:_spf', '.example.net -all'] },
    { rrname: 'quote.example.', strings: ['"quoted" start'] },
    { rrname: 'unicode.example.', strings: ['é1'] },
    { rrname: 'unicode2.example.', strings: ['é2'] },
    { rrname: 'unicode3.example.', strings: ['ê'] },
    { rrname: 'later.example.', strings: ['x', 'v=spf1 in a later string'] }
  ])
  const found = (match: TxtMatch) => store.txt.search({ match, ...everything })
    .records.map((r) => r.rrname)

  t.same(found({ kind: 'prefix', text: 'v=spf1 include:_spf' }),
    ['split.example.', 'spf.example.', 'spf2.example.'])
  t.same(found({ kind: 'prefix', text: 'v=spf1 include:_spf.example.net -' }), ['spf.example.'])
  t.same(found({ kind: 'prefix', text: '"quoted"' }), ['quote.example.'])
  t.same(found({ kind: 'prefix', text: 'é' }), ['unicode.example.', 'unicode2.example.'],
    'the range ends right after every text starting with the prefix')
  t.same(found({ kind: 'prefix', text: 'in a later' }), [], 'the first string only')

  t.same(found({ kind: 'exact', rdata: '"v=spf1 include:_spf.example.net -all"' }),
    ['spf.example.'])
  t.same(found({ kind: 'exact', rdata: '"v=spf1 include:_spf" ".example.net -all"' }),
    ['split.example.'])
  t.same(found({ kind: 'exact', rdata: '"v=spf1 include:_spf"' }), [], 'whole values only')
})

t.test('owner names, time fences and cursors of other searches', async (t) => {
  const store = tempStore(t)
  store.write(batchOf([
    obs('example.com.', 'TXT', '"site-verification=abc123"', 100),
    obs('www.example.com.', 'TXT', '"site-verification=abc123"', 200),
    obs('example.org.', 'TXT', '"site-verification=abc123"', 300),
    obs('example.com.', 'A', '192.0.2.1', 100)
  ]))
  const match: TxtMatch = { kind: 'contains', text: 'verification=abc', ignoreCase: false }
  const names = (search: Partial<TxtSearch>) =>
    store.txt.search({ match, ...everything, ...search }).records.map((r) => r.rrname)

  t.same(names({}), ['example.com.', 'www.example.com.', 'example.org.'].sort((a, b) =>
    (store.nameIdOf(a) ?? 0) - (store.nameIdOf(b) ?? 0)), 'one rdata, by owner id')
  t.same(names({ owner: { name: 'example.com.', subtree: false } }), ['example.com.'])
  t.same(names({ owner: { name: 'example.com.', subtree: true } }).sort(),
    ['example.com.', 'www.example.com.'])
  t.same(names({ fences: { firstSeenAfter: 150 } }).sort(), ['example.org.', 'www.example.com.'])

  const first = store.txt.search({ match, limit: 1, scanLimit: 100 })
  t.throws(() => store.txt.search({ match: { ...match, text: 'verification=abd' }, limit: 1,
    scanLimit: 100, cursor: first.nextCursor }), { code: 'INVALID_CURSOR' })
  t.throws(() => store.txt.search({ match, limit: 1, scanLimit: 100, cursor: first.nextCursor,
    owner: { name: 'example.com.', subtree: true } }), { code: 'INVALID_CURSOR' })
})
