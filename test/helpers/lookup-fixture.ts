/**
 * The small world the lookup tests ask about: the names of example.com with their addresses,
 * nameserver, mail hosts and TXT, and a CNAME to www.example.com. A test adds what only its
 * own questions need.
 */
import type { Observation } from '../../src/feeds/observation.js'
import type { IngestBatch } from '../../src/store/batch-writer.js'
import type { Store } from '../../src/store/store.js'
import { batchOf, obs } from './temp-store.js'

export const EXAMPLE_COM_RECORDS: readonly Observation[] = [
  obs('www.example.com.', 'A', '192.0.2.1', 1467700000),
  obs('www.example.com.', 'A', '192.0.2.1', 1467800000),
  obs('www.example.com.', 'AAAA', '2001:db8::1', 1467700000),
  obs('mail.example.com.', 'A', '192.0.2.77', 1467700000),
  obs('example.com.', 'NS', 'ns1.example.net.', 1467700000),
  obs('example.com.', 'MX', '10 mx.example.net.', 1467700000),
  obs('example.org.', 'MX', 'mx.example.net.', 1467700000),
  obs('example.com.', 'TXT', '"v=spf1 -all"', 1467700000),
  obs('alias.example.com.', 'CNAME', 'www.example.com.', 1467700000)
]

/** A fill for testApp: the example.com records, then `more`, in one batch with `extra`. */
export function lookupFixture (more: Observation[] = [], extra: Partial<IngestBatch> = {}) {
  return (store: Store): void => {
    store.write(batchOf([...EXAMPLE_COM_RECORDS, ...more], extra))
  }
}
