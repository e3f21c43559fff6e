/**
 * The longest cursor each list can hand out is taken back: names of 255 octets written all in
 * `\DDD` escapes in every name a cursor carries, texts held at their longest, and the moment
 * of a relative time. Each list is followed one record a page by its Link headers over a real
 * socket, and gives exactly the records of one whole page.
 */
import t, { type Test } from 'tap'
import type { FastifyInstance } from 'fastify'
import { formatTxtRdata } from '../../src/feeds/txt-rdata.js'
import {
  CURSOR_MAX_CHARS, encodeCursor, heldRdata, stampCursor
} from '../../src/store/cursor.js'
import type { Store } from '../../src/store/store.js'
import { listening } from '../helpers/http-get.js'
import { walkLinks } from '../helpers/link-walk.js'
import { batchOf, obs } from '../helpers/temp-store.js'
import { testApp } from '../helpers/test-app.js'

const SEEN = 1_467_700_000

/** A label of `count` octets, each the byte `code` written as `\DDD`. */
const label = (code: number, count: number) => `\\${code}`.repeat(count)

/** Under it, names of 255 octets: three labels of 63 octets and one of 61. */
const PARENT = `${label(201, 63)}.${label(202, 63)}.${label(203, 61)}.`
const NAMES = [200, 199, 198].map((code) => `${label(code, 63)}.${PARENT}`)
const [NAME = '', OTHER = ''] = NAMES

/** Texts whose rdata is held whole at its longest, and longer ones held as head and digest. */
const TEXTS = [300, 310, 313, 314, 315, 316, 317, 600].map((length) => 'v=spf1 \\ ' +
  '"'.repeat(length))

const OWNERS = ['a.example.', 'b.example.', 'c.example.']

function fill (store: Store): void {
  const now = Math.floor(Date.now() / 1000)
  store.write(batchOf([
    ...NAMES.flatMap((name) => TEXTS.map((text, i) =>
      obs(name, 'TXT', formatTxtRdata([text.slice(0, 255), text.slice(255)]), SEEN + i))),
    ...NAMES.map((name) => obs(name, 'A', '192.0.2.1', SEEN)),
    ...OWNERS.flatMap((owner) => NAMES.flatMap((name) => [obs(owner, 'NS', name, SEEN),
      obs(owner, 'MX', `10 ${name}`, SEEN), obs(owner, 'CNAME', name, SEEN)])),
    ...[1, 2, 3].map((serial) =>
      obs(NAME, 'SOA', `${OTHER} ${NAME} ${serial} 3600 900 1814400 86400`, SEEN + serial))
  ], {
    newDomains: OWNERS.flatMap((domain) => NAMES.map((nameserver) =>
      ({ domain, nameserver, firstSeen: now - 60 })))
  }))
}

const RELATIVE = 'time_last_after=-999999999'

/** Each list kind, at its worst-case names, with a relative time where it takes one. */
const LISTS = [
  `/v1/domains/${NAME}?${RELATIVE}`,
  `/v1/domains/*.${PARENT}?${RELATIVE}`,
  `/v1/domains/*.${PARENT}?type=TXT&${RELATIVE}`,
  `/v1/nameservers/${NAME}?${RELATIVE}`,
  `/v1/nameservers/*.${PARENT}?${RELATIVE}`,
  `/v1/mx/${NAME}?${RELATIVE}`,
  `/v1/mx/*.${PARENT}?${RELATIVE}`,
  `/v1/cnames/${NAME}?${RELATIVE}`,
  `/v1/cnames/*.${PARENT}?${RELATIVE}`,
  `/v1/txt?prefix=v%3Dspf1&${RELATIVE}`,
  `/v1/zones/${NAME}/soa?${RELATIVE}`,
  `/v1/new-domains?nameserver=*.${PARENT}`,
  `/v1/new-domains?nameserver=${NAME}`
]

/** A path with its name and values written as a client sends them. */
function sent (path: string): string {
  const [route = '', query] = path.split('?', 2)
  const parts = route.split('/').map((part) => part.replaceAll('\\', '%5C'))
  const params = new URLSearchParams(query)

  return `${parts.join('/')}?${params.toString()}`
}

async function listeningApp (t: Test): Promise<[FastifyInstance, number]> {
  const app = await testApp(t, fill)

  return [app, await listening(app)]
}

function checkCursors (t: Test, cursors: string[]): void {
  const longest = Math.max(...cursors.map((cursor) => cursor.length))
  t.ok(cursors.length > 0 && longest <= CURSOR_MAX_CHARS,
    `longest cursor: ${longest} of ${CURSOR_MAX_CHARS} chars`)
}

t.test('every list at worst-case names, one record a page: each record once', async (t) => {
  const [app, port] = await listeningApp(t)
  for (const list of LISTS) {
    const whole = await app.inject(`${sent(list)}&limit=1000`)
    t.equal(whole.statusCode, 200, `${list.slice(0, 40)}: ${whole.statusCode === 200 ? "" : whole.body}`)
    const records = whole.json().records
    t.ok(records.length > 1, `${list.slice(0, 40)}: ${records.length} records`)
    const walked = await walkLinks(t, port, `${sent(list)}&limit=1`)
    t.same(walked.records, records, `${list.slice(0, 40)}: paged exactly`)
    checkCursors(t, walked.cursors)
  }
})

t.test('a bulk result at a worst-case name: its next request leads to the rest', async (t) => {
  const [app, port] = await listeningApp(t)
  const res = await app.inject({ method: 'POST', url: '/v1/lookup',
    payload: { indicators: [`*.${PARENT}`], limit: 1, time_last_after: -999999999 } })
  const [result] = res.json().results
  checkCursors(t, [result.next_cursor])
  const walked = await walkLinks(t, port, result.next)
  const whole = await app.inject(`${sent(`/v1/domains/*.${PARENT}?${RELATIVE}`)}&limit=1000`)
  t.same([...result.records, ...walked.records], whole.json().records, 'paged exactly')
  checkCursors(t, walked.cursors)
})

t.test('the bound holds every value a cursor can carry at its longest at once', async (t) => {
  // A name, a text held whole at its longest (each backslash doubled by JSON), two integers
  // and the moment: more than any one list puts in a cursor.
  const text = '\\'.repeat(159)
  t.equal(heldRdata(text), text, 'the text is held whole')
  const values = [NAME, Number.MIN_SAFE_INTEGER, text, Number.MIN_SAFE_INTEGER]
  const cursor = stampCursor(encodeCursor('scope', values), Number.MAX_SAFE_INTEGER)
  t.ok(cursor.length <= CURSOR_MAX_CHARS, `${cursor.length} of ${CURSOR_MAX_CHARS} chars`)
})
