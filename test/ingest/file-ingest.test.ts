import t from 'tap'
import { Readable } from 'node:stream'
import { FEED_KINDS } from '../../src/feeds/observation.js'
import { ingestStream as ingestInto, readLines } from '../../src/ingest/file-ingest.js'
import { InlineWriter } from '../../src/ingest/inline-writer.js'
import type { Store } from '../../src/store/store.js'
import { tempStore } from '../helpers/temp-store.js'

const GOOD: Record<string, string> = {
  spamhaus_new_domains: 'NS|1467690994|centralfloridacollege.edu|ns1.pointclick.net',
  spamhaus_pdns_cname: '1521911720|ise.wrccdc.org|ise.wrccdc.cpp.edu',
  spamhaus_pdns_ipv4: '1467690095|sons2.ct.edu|149.152.13.2',
  spamhaus_pdns_ipv6: '1467691421|ns5.brrice.edu|2600:1800:15::1',
  spamhaus_pdns_mx: '1468211432|nic.gov|dotgov.gov.s6a1.psmtp.com',
  spamhaus_pdns_ns: '1467689852|bep.gov|ns1.treasury.gov',
  spamhaus_pdns_txt: '{"Hdr":{"Epoch":1469602284,"Name":"int.","Rrtype":16,"Class":1,"Ttl":60,' +
    '"Rdlength":46},"Txt":["$Id: int 5255 2016-06-21 19:58:01Z dclosson $"]}',
  spamhaus_pdns_soa: '{"Hdr":{"Epoch":1469417239,"Name":"arpa.","Rrtype":6,"Class":1,' +
    '"Ttl":86400,"Rdlength":64},"Ns":"a.root-servers.net.","Mbox":"nstld.verisign-grs.com.",' +
    '"Serial":2016070500,"Refresh":1800,"Retry":900,"Expire":604800,"Minttl":86400}'
}

const BAD = ['', 'garbage', '\u0000\u0001\u0002', '1467690095|x|y|z|w', '{"Hdr":']

function ingestStream (store: Store, topic: string, input: Readable) {
  return ingestInto(new InlineWriter(store), topic, input)
}

function linesOf (lines: string[]): Readable {
  return Readable.from([Buffer.from(lines.join('\n') + '\n')])
}

t.test('a bad line in any topic is set aside with its reason and its neighbours are stored',
  async (t) => {
    for (const topic of FEED_KINDS) {
      const store = tempStore(t)
      const good = GOOD[topic] as string
      const result = await ingestStream(store, topic, linesOf([good, ...BAD, good]))
      t.equal(result.messages, 2 + BAD.length, topic)
      t.equal(result.rejects, BAD.length, `${topic}: every bad line set aside`)
      const rejected = store.rejected.list({ limit: 100 }).records
      t.same(rejected.map((r) => r.offset), ['2', '3', '4', '5', '6'], `${topic}: line numbers`)
      for (const record of rejected) {
        t.equal(record.topic, topic)
        t.ok(record.code.length > 0 && record.reason.length > 0, `${topic}: ${record.reason}`)
      }
      const name = topic === 'spamhaus_pdns_txt' ? 'int.' : undefined
      if (name !== undefined) {
        t.equal(store.observations.byName(name, { limit: 10 }).records[0]?.count, 2)
      }
    }
  })

t.test('lines are split as bytes, so invalid UTF-8 reaches the parser intact', async (t) => {
  const invalid = Buffer.from([0xff, 0xfe])
  const raw = Buffer.concat([Buffer.from('1|a.example|'), invalid, Buffer.from('\nlast')])
  const lines: Buffer[] = []
  const chunks = Readable.from([raw.subarray(0, 5), raw.subarray(5)])
  for await (const line of readLines(chunks)) lines.push(line)
  t.same(lines, [raw.subarray(0, 14), Buffer.from('last')])

  const store = tempStore(t)
  await ingestStream(store, 'spamhaus_pdns_ipv4', Readable.from([raw]))
  t.equal(store.rejected.list({ limit: 10 }).records[0]?.code, 'bad_encoding')
})

t.test('a message on a topic that is not a feed topic is set aside, not dropped', async (t) => {
  const store = tempStore(t)
  const result = await ingestStream(store, 'spamhaus_pdns_ptr', linesOf(['1|a.example|b.example']))
  t.equal(result.rejects, 1)
  t.equal(store.rejected.list({ limit: 10 }).records[0]?.code, 'unknown_topic')
})

t.test('CRLF line ends are line ends: nothing is rejected for them', async (t) => {
  const store = tempStore(t)
  const crlf = Readable.from([Buffer.from(`${GOOD.spamhaus_pdns_ns}\r\n${GOOD.spamhaus_pdns_ns}\r\n`)])
  const result = await ingestStream(store, 'spamhaus_pdns_ns', crlf)
  t.same(result, { messages: 2, observations: 2, rejects: 0 })
})

t.test('a huge line with no line break is kept only up to its head and rejected as too large',
  async (t) => {
    const store = tempStore(t)
    const chunks = Array.from({ length: 80 }, () => Buffer.alloc(65_536, 0x61))
    const result = await ingestStream(store, 'spamhaus_pdns_ns',
      Readable.from([...chunks, Buffer.from(`\n${GOOD.spamhaus_pdns_ns}\n`)]))
    t.same(result, { messages: 2, observations: 1, rejects: 1 })
    t.equal(store.rejected.list({ limit: 10 }).records[0]?.code, 'too_large')
  })

t.test('a file ingested twice is counted twice: a file has no offsets to skip by (README)',
  async (t) => {
    const store = tempStore(t)
    const lines = [GOOD.spamhaus_pdns_ns as string, 'junk']
    await ingestStream(store, 'spamhaus_pdns_ns', linesOf(lines))
    await ingestStream(store, 'spamhaus_pdns_ns', linesOf(lines))
    const [record] = store.observations.byName('bep.gov.', { limit: 10 }).records
    t.match(record, { count: 2, first_seen: 1467689852, last_seen: 1467689852 })
    t.equal(store.rejected.list({ limit: 10 }).records.length, 2, 'bad lines set aside again')
  })
