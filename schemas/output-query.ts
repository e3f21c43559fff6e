/**
 * How a list is written. Every paged list takes these (they are part of the paging
 * parameters), so a new list endpoint answers in every format without declaring them.
 */
export const OUTPUT_FORMATS = ['json', 'ndjson', 'csv'] as const

export const outputProperties = {
  format: {
    type: 'string',
    enum: OUTPUT_FORMATS,
    description: 'json: one page. ndjson, csv: the whole list, streamed (up to ' +
      'API_STREAM_MAX_LIMIT records). Wins over the Accept header (application/json, ' +
      'application/x-ndjson, text/csv)'
  },
  humantime: {
    type: 'boolean',
    description: 'true: in NDJSON and CSV, times are ISO 8601 UTC text in place of epoch ' +
      'seconds (the *_iso duplicates are left out). JSON always carries both and is unchanged'
  }
} as const
