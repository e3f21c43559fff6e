/**
 * /v1/rejected filters by topic and reject code; one that cannot occur is a 400 listing the
 * ones that can, never an empty list that reads as "nothing was refused".
 */
import t from 'tap'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pino from 'pino'
import { buildApp } from '../../src/api/app.js'
import { FEED_KINDS } from '../../src/feeds/observation.js'
import { REJECT_CODES } from '../../src/feeds/reject-codes.js'
import { ingestFile } from '../../src/ingest/file-ingest.js'
import { InlineWriter } from '../../src/ingest/inline-writer.js'
import { loadSampleData } from '../../src/sample-data.js'
import { testApp } from '../helpers/test-app.js'
import { tempDir, tempStore } from '../helpers/temp-store.js'

t.test('an unknown topic or code is a 400 that lists the known ones', async (t) => {
  const app = await testApp(t)
  const topic = await app.inject('/v1/rejected?topic=nosuch')
  t.equal(topic.statusCode, 400)
  t.equal(topic.json().detail, `topic must be one of ${FEED_KINDS.join(', ')}; got ` +
    'topic=nosuch: send one of them, e.g. topic=spamhaus_new_domains')
  const near = await app.inject('/v1/rejected?topic=spamhaus_pdns_ipv5')
  t.match(near.json().detail, /: send topic=spamhaus_pdns_ipv(4|6)$/)
  const unprefixed = await app.inject('/v1/rejected?topic=pdns_cname')
  t.match(unprefixed.json().detail, /: send topic=spamhaus_pdns_cname$/,
    'a topic sent without its prefix is the one that ends with it')
  const code = await app.inject('/v1/rejected?code=nosuch')
  t.equal(code.statusCode, 400)
  t.match(code.json().detail, `code must be one of ${Object.keys(REJECT_CODES).join(', ')}; got`)
  t.match((await app.inject('/v1/rejected?code=bad_ipv5')).json().detail,
    /: send code=bad_ipv(4|6)$/)
  const known = await app.inject('/v1/rejected?topic=spamhaus_pdns_mx&code=bad_mx')
  t.equal(known.statusCode, 200)
  t.same(known.json().query, { topic: 'spamhaus_pdns_mx', code: 'bad_mx' })
})

t.test('with a topic prefix, the topics are the prefixed ones, as ingest stored them',
  async (t) => {
    const app = await testApp(t, undefined, { topicPrefix: 'vendor.' })
    t.equal((await app.inject('/v1/rejected?topic=vendor.spamhaus_pdns_mx')).statusCode, 200)
    const bare = await app.inject('/v1/rejected?topic=spamhaus_pdns_mx')
    t.equal(bare.statusCode, 400)
    t.match(bare.json().detail, /one of vendor\.spamhaus_new_domains, .*; got/)
  })

t.test('a line set aside from a file names the file, from ingest and from the sample load',
  async (t) => {
    const dir = tempDir(t)
    const store = tempStore(t)
    const writer = new InlineWriter(store)
    const files = ['monday.txt', 'tuesday.txt'].map((name) => join(dir, name))
    for (const file of files) {
      writeFileSync(file, '1468211432|example.com|mx.example.net\njunk\n')
      await ingestFile(writer, 'spamhaus_pdns_mx', file)
    }
    const sample = join(dir, 'sample')
    mkdirSync(sample)
    writeFileSync(join(sample, 'spamhaus_pdns_ns.txt'), 'junk\n')
    await loadSampleData(writer, sample, pino({ enabled: false }))

    const app = await buildApp({ store, logger: false })
    t.teardown(() => app.close())
    const records = (await app.inject('/v1/rejected')).json().records as Array<{
      offset: string, reason: string }>
    t.same(records.map((r) => r.offset), ['2', '2', '1'])
    t.match(records[0]?.reason, ` (line 2 of ${files[0]})`)
    t.match(records[1]?.reason, ` (line 2 of ${files[1]})`)
    t.match(records[2]?.reason, ` (line 1 of ${join(sample, 'spamhaus_pdns_ns.txt')})`)
  })
