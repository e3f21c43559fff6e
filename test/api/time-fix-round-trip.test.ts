/**
 * A refused time's message suggests what to write instead: each suggestion, sent back where
 * the refused time was sent (a /v1 query string or a bulk JSON body), is accepted. /v1 refuses
 * epoch values from 1 to 99,999,999, so a year before 1974 is suggested only as a date.
 */
import t from 'tap'
import { testApp } from '../helpers/test-app.js'

const FENCE = 'time_last_after'

const REFUSED = ['1971', '1972', '1973', '19730303', '2023', '20231004', '5', '99999999',
  '2023-02-30', '2023-13-01', '2023-01-01T10:00 02:00', 'yesterday']

/** The fix part of a message: what follows the first ": ". */
function fixPart (detail: string): string {
  return detail.slice(detail.indexOf(': ') + 2)
}

t.test('each time a /v1 query suggests is accepted in a query', async (t) => {
  const app = await testApp(t)
  for (const value of REFUSED) {
    const url = `/v1/domains/example.com?${FENCE}=${encodeURIComponent(value)}`
    const refused = await app.inject(url)
    t.equal(refused.statusCode, 400, value)
    const fixes = [...fixPart(refused.json().detail).matchAll(/time_last_after=([^\s,)]+)/g)]
    if (/^\d+$/.test(value)) t.ok(fixes.length > 0, `${value} gets a fix`)
    for (const [, fix] of fixes) {
      const sent = await app.inject(`/v1/domains/example.com?${FENCE}=${fix}`)
      t.equal(sent.statusCode, 200, `${value}: ${FENCE}=${fix}`)
    }
  }
})

t.test('each time a bulk body suggests is accepted in a body, in the body\'s form', async (t) => {
  const app = await testApp(t)
  for (const value of REFUSED) {
    const sentValue = /^\d+$/.test(value) ? Number(value) : value
    const refused = await app.inject({ method: 'POST', url: '/v1/lookup',
      payload: { indicators: ['example.com'], [FENCE]: sentValue } })
    t.equal(refused.statusCode, 400, value)
    const detail = refused.json().detail as string
    t.notMatch(detail, `${FENCE}=`, `${value}: no query form in a body's message`)
    const fixes = [...fixPart(detail).matchAll(/"time_last_after": ("[^"]*"|-?\d+)/g)]
    t.ok(fixes.length > 0, `${value} gets a fix in the body form: ${detail}`)
    for (const [, fix] of fixes) {
      const sent = await app.inject({ method: 'POST', url: '/v1/lookup',
        payload: { indicators: ['example.com'], [FENCE]: JSON.parse(fix as string) } })
      t.equal(sent.statusCode, 200, `${value}: "${FENCE}": ${fix}`)
    }
  }
})

t.test('a year before 1974 is suggested as a date only, and says why', async (t) => {
  const app = await testApp(t)
  for (const value of ['1971', '1972', '1973', '19730303']) {
    const refused = await app.inject(`/v1/domains/example.com?${FENCE}=${value}`)
    t.notMatch(refused.json().detail, /or epoch seconds, such as/, value)
    t.match(refused.json().detail, /epoch seconds from 1 to 99999999 are refused here/, value)
  }
})
