import t from 'tap'
import { formatSoaRdata, parseSoaRdata } from '../../src/feeds/soa-rdata.js'

t.test('SOA rdata reads back into its fields, and is written from them', async (t) => {
  const fields = {
    mname: 'con1.nipr.mil.',
    rname: 'disa\\.columbus\\.ns\\.mbx\\.hostmaster-dod-nic.mail.mil.',
    serial: 4294967295,
    refresh: 3600,
    retry: 900,
    expire: 1209600,
    minimum: 0
  }
  const rdata = formatSoaRdata(fields)
  t.equal(rdata, 'con1.nipr.mil. disa\\.columbus\\.ns\\.mbx\\.hostmaster-dod-nic.mail.mil. ' +
    '4294967295 3600 900 1209600 0')
  t.same(parseSoaRdata(rdata), fields)
  for (const bad of ['', 'a. b. 1 2 3 4', 'a. b. 1 2 3 4 5 6', 'a. b. 1 2 3 4 -5',
    'a. b. 4294967296 2 3 4 5', 'a.  1 2 3 4 5', 'a. b. 1 2 3 4 0x5']) {
    t.equal(parseSoaRdata(bad), undefined, JSON.stringify(bad))
  }
})
