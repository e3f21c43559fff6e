import t from 'tap'
import { attachmentName } from '../../src/api/output/attachment-name.js'

t.test('different lists download under different names', async (t) => {
  const paths = ['/v1/domains/walmart.com', '/v1/domains/*.walmart.com',
    '/v1/domains/_dmarc.walmart.com', '/v1/domains/dmarc.walmart.com',
    '/v1/nameservers/ns1.example.net', '/v1/nameservers/*.ns1.example.net',
    '/v1/mx/*.walmart.com', '/v1/mx/walmart.com', '/v1/domains/%2E',
    '/v1/ips/192.0.2.0/24', '/v1/ips/192.0.2.0/25', '/v1/zones/%2E/soa', '/v1/zones/com/soa']
  const names = paths.map((path) => attachmentName(`${path}?format=csv`))
  t.equal(new Set(names).size, paths.length, names.join(' '))
})

t.test('a file name holds only safe characters', async (t) => {
  t.equal(attachmentName('/v1/domains/*.walmart.com?format=csv'),
    'dnsledger-domains-walmart.com-subtree.csv')
  t.equal(attachmentName('/v1/domains/walmart.com.'), 'dnsledger-domains-walmart.com.csv')
  t.equal(attachmentName('/v1/domains/%2E'), 'dnsledger-domains-root.csv')
  t.equal(attachmentName('/v1/domains/..%2F..%2Fetc'), 'dnsledger-domains-_.._etc.csv')
  t.match(attachmentName('/v1/domains/a%22b%0D%0Ac'), /^dnsledger-domains-a_b_c\.csv$/)
})
