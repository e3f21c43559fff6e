/** The words the OpenAPI document says about the DNSDB-compatible API. */
export const DNSDB_TAG = 'dnsdb'

export const ANSWER_DESCRIPTION = 'SAF lines (application/x-ndjson): {"cond":"begin"}, one ' +
  '{"obj":{...}} per result, then {"cond":"succeeded"}, or {"cond":"limited","msg":...} when ' +
  'the limit (or, for summarize, max_count) cut the results. Lookup objects have count, ' +
  'time_first, time_last, rrname, rrtype and rdata (an array); summarize sends one object ' +
  'with count, num_results, time_first and time_last.'

export const RRSET_NOTES = 'dnsledger keeps one record per distinct (rrname, rrtype, rdata), ' +
  'as the feed reports single records and never whole RRsets: each object is one such ' +
  'record, its rdata array holding one value, with its own times and count. The feed has no ' +
  'bailiwick: objects carry none, and a bailiwick in the path only keeps owners at or under ' +
  'it.'

export const AUTH_NOTES = 'When API keys are configured (API_KEYS, API_KEYS_FILE), send one ' +
  'in X-API-Key; a missing or unknown key is a 403, and a caller over its rate limit gets a ' +
  '429 with Retry-After. Errors are one line of text.'

export const NAME_FORMS = 'A name, `*.example.com` (the name and every name under it) or ' +
  '`www.example.*` (those leading labels under any suffix); URL-encode `/` and `,` in a name.'
