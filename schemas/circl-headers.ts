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
      description: 'Only this record type; one dnsledger does not store gives no records'
    }
  }
} as const
