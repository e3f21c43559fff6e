import { nameValueParser } from './name-value-parser.js'

/** spamhaus_pdns_cname: `timestamp|host|cname`. */
export const parseCname = nameValueParser(['timestamp', 'host', 'cname'], 'CNAME')
