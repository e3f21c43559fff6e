import { nameValueParser } from './name-value-parser.js'

/** spamhaus_pdns_ns: `timestamp|domain|nameserver`. */
export const parseNs = nameValueParser(['timestamp', 'domain', 'nameserver'], 'NS')
