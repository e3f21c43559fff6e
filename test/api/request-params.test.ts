import t from 'tap'
import { isAddressShaped } from '../../src/api/ip-range.js'

t.test('address-shaped text is read as an address; the root and names are not', async (t) => {
  for (const text of ['192.0.2.1', '10.0.0.256', '1.2.3', '2001:db8::1', '::', '192.0.2.0/24',
    '192.0.2.0,24', '192.0.2.1-192.0.2.9', 'example.com/24']) {
    t.ok(isAddressShaped(text), text)
  }
  for (const text of ['.', '-', '..', 'example.com', '*.example.com', '1.example', '']) {
    t.notOk(isAddressShaped(text), JSON.stringify(text))
  }
})
