import t from 'tap'
import { readPipeFields, splitPipeFields } from '../../src/feeds/pipe-fields.js'

const LAYOUT = ['timestamp', 'host', 'cname']

t.test('splits into exactly the layout', (t) => {
  t.same(splitPipeFields('1|a|b', LAYOUT), { ok: true, fields: ['1', 'a', 'b'] })
  t.same(splitPipeFields('||', LAYOUT), { ok: true, fields: ['', '', ''] }, 'empty fields')
  t.same(readPipeFields(Buffer.from('1|a|b\n'), LAYOUT), { ok: true, fields: ['1', 'a', 'b'] })
  t.end()
})

t.test('a wrong count says what was expected and found', (t) => {
  t.same(splitPipeFields('1|a', LAYOUT), {
    ok: false,
    code: 'bad_field_count',
    reason: 'expected 3 fields "timestamp|host|cname" but found 2 in "1|a"'
  })
  const many = splitPipeFields('1|a|b|c|d|e', LAYOUT)
  t.match(many.ok ? '' : many.reason, /found 6 in/)
  t.equal(splitPipeFields('1 a b', LAYOUT).ok, false)
  t.end()
})

t.test('padding is rejected, not trimmed', (t) => {
  for (const text of [' 1|a|b', '1 |a|b', '1|\ta|b', '1|a|b ', '1|a| b']) {
    const result = splitPipeFields(text, LAYOUT)
    t.equal(result.ok ? '' : result.code, 'padded_field', JSON.stringify(text))
  }
  const result = splitPipeFields('1|a |b', LAYOUT)
  t.equal(result.ok ? '' : result.reason, 'the host field "a " has white space around it')
  t.ok(splitPipeFields('1|a|10 mx.example.com', LAYOUT).ok, 'an inner space is the field\'s')
  t.end()
})
