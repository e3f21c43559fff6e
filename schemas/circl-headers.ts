/**
 * Request headers of the CIRCL-compatible query (CIRCL passive DNS, "pagination" and
 * "filtering": the dribble-* headers that PyPDNS sends).
 */
export const circlHeadersSchema = {
  type: 'object',
  properties: {
    'dribble-paginate-count': {
      type: 'integer',
      minimum: 1,
      description: 'Records per page; API_MAX_LIMIT when absent, and at most that'
    },
    'dribble-paginate-cursor': {
      type: 'integer',
      minimum: 1,
      description: 'The x-dribble-cursor of the previous page'
    },
    'dribble-filter-rrtype': {
      type: 'string',
      maxLength: 64,
      description: 'Only this record type (or ANY); one dnsledger does not store is a 400'
    }
  }
} as const
