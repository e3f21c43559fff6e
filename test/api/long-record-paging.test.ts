/**
 * A page that ends at a long record can be followed over a real socket (inject() does not go
 * through Node's header limit): the cursor, the Link header and a bulk result's `next` stay
 * short whatever the record's length.
 */
import t, { type Test } from 'tap'
import type { FastifyInstance } from 'fastify'
import { formatTxtRdata } from '../../src/feeds/txt-rdata.js'
import type { Store } from '../../src/store/store.js'
import { listening } from '../helpers/http-get.js'
import { walkLinks } from '../helpers/link-walk.js'
import { batchOf, obs } from '../helpers/temp-store.js'
import { testApp } from '../helpers/test-app.js'

const SEEN = 1_467_700_000

/** What a cursor may take in a URL, whatever the record it ends at. */
const CURSOR_MAX_CHARS = 1024

/** A TXT record's rdata: the text cut into strings of 255 characters. */
function txt (text: string): string {
  return formatTxtRdata(text.match(/.{1,255}/g) ?? [''])
}

const SHARED = `v=spf1 ${'include:_spf.example.net '.repeat(100)}`

const TEXTS = ['v=spf1 short', `v=spf1 ${'a'.repeat(14_000)}`, `${SHARED}-all`, `${SHARED}~all`,
  `${SHARED}?all`, 'v=spf1 -all']

function fill (store: Store): void {
  store.write(batchOf([
    ...TEXTS.map((text, i) => obs('long.example.', 'TXT', txt(text), SEEN + i)),
    obs('long.example.', 'A', '192.0.2.1', SEEN),
    obs('www.long.example.', 'TXT', txt(TEXTS[1] as string), SEEN)
  ]))
}

/** The rdata of every page from a first path on, each next page asked by its Link header. */
async function walkRdata (t: Test, port: number, first: string) {
  const walked = await walkLinks(t, port, first)

  return { rdata: walked.records.map((record) => record.rdata), cursors: walked.cursors }
}

async function listeningApp (t: Test): Promise<[FastifyInstance, number]> {
  const app = await testApp(t, fill)

  return [app, await listening(app)]
}

function allShort (t: Test, cursors: string[]): void {
  const longest = Math.max(...cursors.map((cursor) => cursor.length))
  t.ok(cursors.length > 0 && longest <= CURSOR_MAX_CHARS, `longest cursor: ${longest} chars`)
}

/** The rdata of one page holding the whole list. */
async function whole (app: FastifyInstance, path: string): Promise<string[]> {
  const res = await app.inject(`${path}&limit=1000`)

  return res.json().records.map((record: { rdata: string }) => record.rdata)
}

t.test('a name with long TXT records, one record a page: each once, short cursors',
  async (t) => {
    const [app, port] = await listeningApp(t)
    const walked = await walkRdata(t, port, '/v1/domains/long.example?limit=1')
    t.same(walked.rdata, await whole(app, '/v1/domains/long.example?type=A,TXT'))
    t.equal(walked.rdata.length, TEXTS.length + 1)
    allShort(t, walked.cursors)
  })

t.test('TXT search, one record a page: each once, short cursors', async (t) => {
  const [app, port] = await listeningApp(t)
  const walked = await walkRdata(t, port, '/v1/txt?prefix=v%3Dspf1&limit=1')
  t.same(walked.rdata, await whole(app, '/v1/txt?prefix=v%3Dspf1'))
  t.equal(walked.rdata.length, TEXTS.length + 1)
  allShort(t, walked.cursors)
})

t.test('a bulk result\'s next request is short and leads to the rest, each once',
  async (t) => {
    const [app, port] = await listeningApp(t)
    const res = await app.inject({ method: 'POST', url: '/v1/lookup',
      payload: { indicators: ['*.long.example'], limit: 3 } })
    const [result] = res.json().results
    t.ok(result.next.length <= CURSOR_MAX_CHARS + 100, `next: ${result.next.length} chars`)
    allShort(t, [result.next_cursor])
    const walked = await walkRdata(t, port, result.next)
    t.same([...result.records.map((record: { rdata: string }) => record.rdata), ...walked.rdata],
      await whole(app, '/v1/domains/*.long.example?type=A,TXT'))
    allShort(t, walked.cursors)
  })
