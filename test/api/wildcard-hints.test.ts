/**
 * An API that takes no wildcard, or not the one sent, points to an API that takes it: /v1 has
 * only the left-hand `*.example.com`, DNSDB also the right-hand `www.example.*`. Every path a
 * refusal suggests answers 200.
 */
import t, { type Test } from 'tap'
import type { FastifyInstance } from 'fastify'
import { testApp } from '../helpers/test-app.js'

/** The /v1 and DNSDB paths a message suggests. */
function suggestedPaths (detail: string): string[] {
  return [...detail.matchAll(/\/(?:v1|dnsdb)\/[^\s,)]+/g)].map(([path]) => path)
}

async function suggestsOnly (t: Test, app: FastifyInstance, url: string, want: string[]) {
  const refused = await app.inject(url)
  t.equal(refused.statusCode, 400, url)
  const detail = refused.json().detail as string
  t.same(suggestedPaths(detail), want, detail)
  for (const path of want) t.equal((await app.inject(path)).statusCode, 200, path)

  return detail
}

t.test('CIRCL points each wildcard to the API that takes it', async (t) => {
  const app = await testApp(t)
  const right = await suggestsOnly(t, app, '/pdns/query/walmart.*',
    ['/dnsdb/v2/lookup/rrset/name/walmart.*'])
  t.match(right, /\/v1 has no right-hand wildcard/)
  await suggestsOnly(t, app, '/pdns/query/*.walmart.com', ['/v1/domains/*.walmart.com'])
  await suggestsOnly(t, app, '/pdns/query/www.*.com',
    ['/v1/domains/*.example.com', '/dnsdb/v2/lookup/rrset/name/www.example.*'])
})

t.test('/v1 says it has no right-hand wildcard, and where one is', async (t) => {
  const app = await testApp(t)
  for (const path of ['domains', 'nameservers', 'mx', 'cnames']) {
    const detail = await suggestsOnly(t, app, `/v1/${path}/walmart.*`,
      ['/dnsdb/v2/lookup/rrset/name/walmart.*', '/dnsdb/v2/lookup/rdata/name/walmart.*'])
    t.match(detail, /^"walmart\.\*" is a right-hand wildcard, which \/v1 does not take/)
  }
  const filter = await suggestsOnly(t, app, '/v1/new-domains?nameserver=ns.*', [])
  t.match(filter, /^nameserver: "ns\.\*" is a right-hand wildcard, which \/v1 does not take/)
})
