/** The head of the OpenAPI document; paths and schemas come from the routes themselves. */
export const OPENAPI_INFO = {
  openapi: '3.0.3',
  info: {
    title: 'dnsledger',
    version: '0.1.0',
    description: 'Passive DNS history: every (rrname, rrtype, rdata) observed in the feed, ' +
      'with first_seen, last_seen and count. Names are lower case, ASCII and fully ' +
      'qualified with the trailing dot (`www.example.com.`, the root is `.`). Times are ' +
      'epoch seconds, with ISO 8601 copies. Every list is paged: follow ' +
      'next_cursor while truncated is true.'
  },
  tags: [
    { name: 'lookups', description: 'Passive DNS lookups' },
    { name: 'operations', description: 'Health, readiness and the set-aside list' }
  ]
}
