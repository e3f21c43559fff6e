import t from 'tap'
import { reverseName, unreverseName } from '../../src/feeds/dns-name.js'

t.test('labels in reverse order', (t) => {
  t.equal(reverseName('www.example.com'), 'com.example.www')
  t.equal(reverseName('com'), 'com')
  t.equal(reverseName('.'), '.', 'the root is its own reverse')
  t.equal(reverseName('*.example.com'), 'com.example.*')
  t.equal(reverseName('0/25.2.0.192.in-addr.arpa'), 'arpa.in-addr.192.0.2.0/25')
  t.end()
})

t.test('escaped dots stay inside their label', (t) => {
  t.equal(reverseName('first\\.last.example.com'), 'com.example.first\\.last')
  t.equal(reverseName('a\\.b\\.c'), 'a\\.b\\.c', 'one label')
  t.equal(reverseName('x\\092.y'), 'y.x\\092', 'an escaped backslash octet then a separator')
  t.equal(reverseName('trailing\\.'), 'trailing\\.')
  t.end()
})

t.test('unreverseName undoes reverseName', (t) => {
  const names = ['www.example.com', 'disa\\.columbus\\.ns.mail.mil', '.', 'a', 'a.b\\.c.d\\.']
  for (const name of names) {
    t.equal(unreverseName(reverseName(name)), name, name)
    t.equal(reverseName(unreverseName(name)), name, name)
  }
  t.equal(unreverseName('com.example.www'), 'www.example.com')
  t.end()
})
