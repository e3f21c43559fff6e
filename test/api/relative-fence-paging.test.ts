/**
 * Lists with a time relative to now are read against the moment of their first page, which
 * their cursors carry: paging on after the clock has moved must neither fail nor skip or
 * repeat a record. The clock is moved by replacing Date.now, never by waiting.
 */
import t from 'tap'
import { fixtureApp } from '../helpers/fixture-app.js'
import { httpGet, listening } from '../helpers/http-get.js'

const { app } = await fixtureApp(t, ['spamhaus_pdns_ipv4', 'spamhaus_pdns_ns',
  'spamhaus_pdns_txt', 'spamhaus_pdns_soa', 'spamhaus_new_domains'])
// Over a socket: inject() would fold the root zone's %2E away.
const port = await listening(app)

/** Further back than anything in the fixture feed: every record is inside the fences. */
const LONG_AGO = '-1000000000'

const LISTS = [
  `/v1/domains/*.com?type=TXT&time_last_after=${LONG_AGO}`,
  `/v1/domains/*.org?type=TXT,A&time_first_after=${LONG_AGO}&time_last_before=-1`,
  `/v1/ips/149.0.0.0/8?time_first_after=${LONG_AGO}`,
  `/v1/nameservers/*.domaincontrol.com?time_last_after=${LONG_AGO}`,
  `/v1/txt?contains=v%3Dspf1&time_last_after=${LONG_AGO}`,
  `/v1/zones/%2E/soa?time_first_after=${LONG_AGO}`,
  `/v1/zones/%2E/soa?order=desc&time_last_before=-60`,
  `/v1/new-domains?since=${LONG_AGO}`,
  '/v1/new-domains?until=2030-01-01&since=-1000000000&nameserver=*.com'
]

async function page (url: string) {
  const res = await httpGet(port, url)
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)

  return JSON.parse(res.body)
}

t.test('a list with a relative time pages on after the clock moved, each record once',
  async (t) => {
    const realNow = Date.now
    t.teardown(() => { Date.now = realNow })
    for (const url of LISTS) {
      let now = realNow()
      Date.now = () => now
      const all = await page(`${url}&limit=10000`)
      const whole = all.records
      t.ok(whole.length > 10 && all.truncated === false, `${url}: ${whole.length} records`)
      // Some ten pages.
      const limit = Math.ceil(whole.length / 10)
      const records = []
      let cursor: string | null = null
      do {
        const after = cursor === null ? '' : `&cursor=${cursor}`
        const body = await page(`${url}&limit=${limit}${after}`)
        records.push(...body.records)
        cursor = body.next_cursor
        // More than a second between pages, as a person paging would take.
        now += 5_000
      } while (cursor !== null)
      t.same(records, whole, `${url}: the pages hold the whole list, each record once`)
    }
  })

t.test('a list without a relative time keeps cursors bound to its times alone', async (t) => {
  const url = '/v1/domains/*.gov?time_last_after=1000000000&limit=1'
  const cursor = (await page(url)).next_cursor as string
  const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  t.notOk(JSON.stringify(decoded).includes('asked'), 'no moment in the cursor')
  const relative = (await page(`/v1/domains/*.gov?time_last_after=${LONG_AGO}&limit=1`))
    .next_cursor as string
  t.match(Buffer.from(relative, 'base64url').toString('utf8'), /\{"asked":\d+\}\]$/,
    'a relative list\'s cursor carries its moment')
})

t.test('a forged moment is refused like any cursor of another query', async (t) => {
  const url = `/v1/domains/*.gov?time_last_after=${LONG_AGO}&limit=1`
  const cursor = (await page(url)).next_cursor as string
  const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  values[values.length - 1] = { asked: 1_000_000 }
  const forged = Buffer.from(JSON.stringify(values)).toString('base64url')
  const res = await httpGet(port, `${url}&cursor=${forged}`)
  t.equal(res.statusCode, 400)
  t.equal(JSON.parse(res.body).code, 'INVALID_CURSOR')
})

t.test('a cut stream of a relative list goes on from its cursor after the clock moved',
  async (t) => {
    const realNow = Date.now
    t.teardown(() => { Date.now = realNow })
    let now = realNow()
    Date.now = () => now
    const url = `/v1/txt?contains=v%3Dspf1&time_last_after=${LONG_AGO}`
    const whole = (await page(`${url}&limit=10000`)).records
    const stream = await httpGet(port, `${url}&format=ndjson&limit=10`)
    const lines = stream.body.trim().split('\n').map((line) => JSON.parse(line))
    const cut = lines.pop()
    t.equal(cut.next_cursor, stream.trailers['x-dnsledger-next-cursor'], 'said twice')
    now += 5_000
    const rest = await page(`${url}&limit=10000&cursor=${cut.next_cursor}`)
    t.same([...lines, ...rest.records], whole, 'the stream and the rest are the whole list')
  })
