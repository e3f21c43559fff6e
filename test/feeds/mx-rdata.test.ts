import t from 'tap'
import { normalizeMxValue } from '../../src/feeds/mx-rdata.js'

const rdata = (value: string) => {
  const result = normalizeMxValue(value)
  return result.ok ? result.rdata : result.code
}

t.test('host or preference host', (t) => {
  t.equal(rdata('mx.example.com'), 'mx.example.com.')
  t.equal(rdata('MX.Example.com.'), 'mx.example.com.')
  t.equal(rdata('10 mx.example.com'), '10 mx.example.com.')
  t.equal(rdata('00010 mx.example.com'), '10 mx.example.com.', 'leading zeros dropped')
  t.equal(rdata('0 .'), '0 .', 'null MX')
  t.equal(rdata('65535 mx.example.com'), '65535 mx.example.com.')
  t.end()
})

t.test('anything else', (t) => {
  t.equal(rdata('65536 mx.example.com'), 'bad_mx_preference')
  t.equal(rdata('000001 mx.example.com'), 'bad_mx_preference', 'six digits')
  t.equal(rdata('ten mx.example.com'), 'bad_mx_preference')
  t.equal(rdata('+1 mx.example.com'), 'bad_mx_preference')
  t.equal(rdata('10 mx.example.com 20'), 'bad_mx')
  t.equal(rdata('10  mx.example.com'), 'bad_mx')
  t.equal(rdata(''), 'empty_name')
  t.equal(rdata('10 '), 'empty_name')
  const reason = normalizeMxValue('70000 mx.example.com')
  const expected = 'MX preference "70000" is not a whole number from 0 to 65535'
  t.equal(reason.ok ? '' : reason.reason, expected)
  t.end()
})
