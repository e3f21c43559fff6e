import t from 'tap'
import { quote } from '../../src/feeds/quote-text.js'

t.test('values are quoted safely and briefly', (t) => {
  t.equal(quote('a b'), '"a b"')
  t.equal(quote('line\nbreak "q"'), '"line\\nbreak \\"q\\""')
  const long = quote('x'.repeat(1000))
  t.ok(long.length < 120, 'a long value is cut')
  t.match(long, /… \(1000 characters\)$/)
  t.end()
})
