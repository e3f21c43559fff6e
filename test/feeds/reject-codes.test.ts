import t from 'tap'
import { reject, REJECT_CODES } from '../../src/feeds/reject-codes.js'

t.test('the catalogue', (t) => {
  const codes = Object.keys(REJECT_CODES)
  t.ok(codes.length >= 30, `${codes.length} codes`)
  for (const code of codes) t.match(code, /^[a-z0-9]+(_[a-z0-9]+)*$/, `${code} is snake_case`)
  for (const [code, meaning] of Object.entries(REJECT_CODES)) {
    t.match(meaning, /^[A-Z].*\.$/, `${code} is explained in a sentence`)
  }
  t.end()
})

t.test('reject builds a RejectedMessage', (t) => {
  t.same(reject('empty', 'the message is empty'), {
    ok: false,
    code: 'empty',
    reason: 'the message is empty'
  })
  t.end()
})
