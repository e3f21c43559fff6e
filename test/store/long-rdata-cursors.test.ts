/**
 * Lists that end a page at a long TXT or SOA record: the cursor stays short whatever the
 * record's length, and paging stays exact when many records share a prefix longer than the
 * part a cursor carries.
 */
import t, { type Test } from 'tap'
import { formatTxtRdata } from '../../src/feeds/txt-rdata.js'
import type { Page } from '../../src/store/keyset-page.js'
import { ROWS_FROM_HEAD } from '../../src/store/long-rdata.js'
import type { Store } from '../../src/store/store.js'
import { batchOf, obs, tempStore } from '../helpers/temp-store.js'

const SEEN = 1_467_700_000

/** What a cursor may take in a URL, whatever the record it ends at. */
const CURSOR_MAX_CHARS = 1024

/** 2 KB that the long records share, with characters the TXT form and JSON both escape. */
const SHARED = Array.from('v=long "quoted" back\\slash é 😀 \u0001 tab\t '.repeat(60))
  .slice(0, 2048).join('')

/** A TXT record's rdata: the text cut into strings of at most 255 characters. */
function txt (text: string): string {
  return formatTxtRdata(text.match(/[^]{1,255}/gu) ?? [''])
}

const LONG_TEXTS = [
  SHARED, `${SHARED}a`, `${SHARED}b`, `${SHARED}ab`, `${SHARED}\\`, `${SHARED}"`,
  ...Array.from({ length: 12 }, (_, i) => `${SHARED}${i}`),
  'x'.repeat(14_000), 'x'.repeat(13_999)
]

/** mname and rname of 253 characters each: every SOA of the zone shares 507 of them. */
const LONG_NAME = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}.`
const longSoa = (serial: number) => `${LONG_NAME} ${LONG_NAME} ${serial} 7200 900 1209600 3600`

function longStore (t: Test): Store {
  const store = tempStore(t)
  store.write(batchOf([
    ...LONG_TEXTS.map((text, i) => obs('long.example.', 'TXT', txt(text), SEEN + i)),
    ...LONG_TEXTS.slice(0, 6).map((text) => obs('other.example.', 'TXT', txt(text), SEEN)),
    obs('long.example.', 'TXT', txt('short'), SEEN),
    obs('long.example.', 'TXT', txt('v=long but short'), SEEN),
    obs('long.example.', 'A', '192.0.2.1', SEEN),
    // Ties on first_seen, so that SOA pages are ordered by the long rdata too.
    ...[1, 2, 3, 4, 5, 6].map((serial) => obs('long.example.', 'SOA', longSoa(serial), SEEN)),
    obs('long.example.', 'SOA', longSoa(7), SEEN + 1)
  ]))

  return store
}

/** Every page of a list, following its cursors. */
function pages<T> (read: (cursor?: string) => Page<T>): Array<Page<T>> {
  const all: Array<Page<T>> = []
  let cursor: string | undefined
  do {
    const page = read(cursor)
    all.push(page)
    cursor = page.nextCursor
    if (all.length > 10_000) throw new Error('paging does not end')
  } while (cursor !== undefined)

  return all
}

/** Every page size gives the list that one page holds, and no cursor is long. */
function checkEveryLimit<T> (t: Test, what: string, read: (limit: number,
  cursor?: string) => Page<T>) {
  const whole = read(10_000).records
  const wrong: number[] = []
  let longest = 0
  for (let limit = 1; limit <= whole.length + 1; limit++) {
    const walked = pages((cursor) => read(limit, cursor))
    if (JSON.stringify(walked.flatMap((page) => page.records)) !== JSON.stringify(whole)) {
      wrong.push(limit)
    }
    for (const page of walked) longest = Math.max(longest, page.nextCursor?.length ?? 0)
  }
  t.same(wrong, [], `${what}: every page size gives the ${whole.length} records once, in order`)
  t.ok(longest > 0 && longest <= CURSOR_MAX_CHARS, `${what}: longest cursor ${longest} chars`)
}

t.test('a name\'s records, long TXT among them, page exactly with short cursors', async (t) => {
  const store = longStore(t)
  checkEveryLimit(t, 'long.example.', (limit, cursor) =>
    store.observations.byName('long.example.', { limit, cursor }))
  checkEveryLimit(t, 'example. and under', (limit, cursor) =>
    store.observations.byName('example.', { limit, cursor, subdomains: 'include' }))
})

t.test('TXT search pages exactly, within and across scan windows, with short cursors',
  async (t) => {
    const store = longStore(t)
    const contains = { kind: 'contains', text: 'v=long', ignoreCase: false } as const
    for (const scanLimit of [1, 2, 3, 7, 1_000]) {
      const found = pages((cursor) => store.txt.search({ match: contains, limit: 1, cursor,
        scanLimit }))
      t.ok(found.every((page) => (page.nextCursor?.length ?? 0) <= CURSOR_MAX_CHARS),
        `scan limit ${scanLimit}: every cursor is short`)
      const all = store.txt.search({ match: contains, limit: 10_000, scanLimit: 1_000_000 })
      t.same(found.flatMap((page) => page.records), all.records,
        `scan limit ${scanLimit}: every match once, in order`)
    }
    checkEveryLimit(t, 'prefix search', (limit, cursor) => store.txt.search({
      match: { kind: 'prefix', text: Array.from(SHARED).slice(0, 200).join('') },
      limit,
      cursor,
      scanLimit: 1_000
    }))
    checkEveryLimit(t, 'search within one name', (limit, cursor) => store.txt.search({
      match: contains, owner: { name: 'other.example.', subtree: false }, limit, cursor,
      scanLimit: 1_000
    }))
  })

t.test('SOA history with long names pages exactly both ways, with short cursors', async (t) => {
  const store = longStore(t)
  for (const order of ['asc', 'desc'] as const) {
    checkEveryLimit(t, `SOA ${order}`, (limit, cursor) =>
      store.soa.history('long.example.', { order, limit, cursor }))
  }
})

/** A cursor's JSON, and the cursor of other JSON. */
const opened = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
const sealed = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url')

t.test('cursors handed out before keep working', async (t) => {
  const store = longStore(t)
  const byName = (cursor?: string) =>
    store.observations.byName('long.example.', { limit: 1, cursor })
  const walked = pages(byName)
  const forms = new Set<string>()
  for (const [i, page] of walked.slice(0, -1).entries()) {
    const json = opened(page.nextCursor as string)
    const last = json.at(-1)
    if (last.b !== undefined) continue
    forms.add(typeof last === 'string' ? 'whole' : 'held')
    // The form every text's cursor had: the last record's whole rdata. Short ones still are it.
    const whole = sealed([...json.slice(0, -1), page.records[0]?.rdata])
    if (typeof last === 'string') t.equal(whole, page.nextCursor, `page ${i}: the old form`)
    t.same(byName(whole).records, walked[i + 1]?.records, `page ${i}: a whole-rdata cursor`)
  }
  t.same([...forms].sort(), ['held', 'whole'], 'both forms were walked through')
})

t.test('a held text that matches no record is refused, not answered', async (t) => {
  const store = longStore(t)
  const first = store.observations.byName('long.example.', { limit: 2 })
  const json = opened(first.nextCursor as string)
  t.match(json.at(-1), { p: String, h: String }, 'the page ends at a long record')
  const forged = sealed([...json.slice(0, -1), { ...json.at(-1), h: 'A'.repeat(22) }])
  t.throws(() => store.observations.byName('long.example.', { limit: 2, cursor: forged }),
    { code: 'INVALID_CURSOR' })
  const tooLong = sealed([...json.slice(0, -1), { ...json.at(-1), p: SHARED }])
  t.throws(() => store.observations.byName('long.example.', { limit: 2, cursor: tooLong }),
    { code: 'INVALID_CURSOR' })
})

t.test('a held text is found again by a seek into the owner\'s rows, not a scan', async (t) => {
  const store = longStore(t)
  const plan = store.db.prepare(`EXPLAIN QUERY PLAN ${ROWS_FROM_HEAD}`).all(1, 16, SHARED)
  t.same(plan.map((step) => (step as { detail: string }).detail),
    ['SEARCH observations USING PRIMARY KEY (rrname_id=? AND rrtype=? AND rdata>?)'])
})
