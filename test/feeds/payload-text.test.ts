import t from 'tap'
import { MAX_MESSAGE_BYTES, payloadText } from '../../src/feeds/payload-text.js'

const code = (payload: Buffer) => {
  const result = payloadText(payload)
  return result.ok ? result.text : result.code
}

t.test('line ends', (t) => {
  t.equal(code(Buffer.from('a|b')), 'a|b')
  t.equal(code(Buffer.from('a|b\n')), 'a|b', 'one LF is repaired')
  t.equal(code(Buffer.from('a|b\r\n')), 'a|b', 'one CRLF is repaired')
  t.equal(code(Buffer.from('a|b\n\n')), 'bad_line_break')
  t.equal(code(Buffer.from('a|b\r\n\r\n')), 'bad_line_break')
  t.equal(code(Buffer.from('a|b\r')), 'bad_line_break')
  t.equal(code(Buffer.from('a\r|b')), 'bad_line_break')
  t.equal(code(Buffer.from('a\n|b')), 'bad_line_break')
  t.equal(code(Buffer.from('\r\n')), 'empty')
  t.equal(code(Buffer.from('')), 'empty')
  t.end()
})

t.test('encoding', (t) => {
  t.equal(code(Buffer.from('bücher 😀')), 'bücher 😀')
  t.equal(code(Buffer.from([0x61, 0xff])), 'bad_encoding', 'a byte UTF-8 never has')
  t.equal(code(Buffer.from([0x61, 0xc3])), 'bad_encoding', 'a truncated sequence')
  t.equal(code(Buffer.from([0xc0, 0xaf])), 'bad_encoding', 'an overlong slash')
  t.equal(code(Buffer.from([0xed, 0xa0, 0x80])), 'bad_encoding', 'an encoded surrogate')
  t.equal(code(Buffer.from([0xef, 0xbb, 0xbf, 0x61])), '\ufeffa', 'a BOM is text, left to fail')
  t.end()
})

t.test('size', (t) => {
  t.equal(code(Buffer.alloc(MAX_MESSAGE_BYTES, 0x61)).length, MAX_MESSAGE_BYTES, 'at the limit')
  t.equal(code(Buffer.alloc(MAX_MESSAGE_BYTES + 1, 0x61)), 'too_large', 'one byte over')
  const reason = payloadText(Buffer.alloc(1024 * 1024, 0xff))
  t.same(reason, {
    ok: false,
    code: 'too_large',
    reason: 'the message is 1048576 bytes, over the 65536-byte limit'
  }, 'a 1 MB message of invalid UTF-8 is judged on its size alone, before decoding')
  t.end()
})
