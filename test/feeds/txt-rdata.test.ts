import t from 'tap'
import { formatTxtRdata } from '../../src/feeds/txt-rdata.js'

t.test('presentation form of TXT strings', (t) => {
  t.equal(formatTxtRdata(['v=spf1 -all']), '"v=spf1 -all"')
  t.equal(formatTxtRdata(['a', 'b c']), '"a" "b c"')
  t.equal(formatTxtRdata(['']), '""')
  t.equal(formatTxtRdata(['"quoted"']), '"\\"quoted\\""')
  t.equal(formatTxtRdata(['C:\\path\\']), '"C:\\\\path\\\\"')
  t.equal(formatTxtRdata(['\\"']), '"\\\\\\""', 'a backslash before a quote')
  t.equal(formatTxtRdata(['line\nbreak\r', '\u007f']), '"line\\010break\\013" "\\127"')
  t.equal(formatTxtRdata(['ünï ✓ 😀']), '"ünï ✓ 😀"', 'non-ASCII kept as is')
  t.equal(formatTxtRdata(['\\010']), '"\\\\010"', 'a literal \\010 stays distinct from LF')
  t.end()
})
