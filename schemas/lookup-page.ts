/**
 * A page of lookup results. A cut list always says so: truncated plus a cursor. `shown`
 * documents the fields of `query` that every answer of the list may hold.
 */
export function pageSchema<Item extends object> (id: string, item: Item,
  shown: Record<string, object> = {}) {
  return {
    $id: id,
    type: 'object',
    additionalProperties: false,
    required: ['query', 'records', 'truncated', 'next_cursor', 'limit'],
    properties: {
      query: {
        type: 'object',
        description: 'The lookup as understood, with the input normalized; times as read, ' +
          'in epoch seconds and ISO 8601',
        properties: shown,
        additionalProperties: true
      },
      records: { type: 'array', items: item },
      truncated: { type: 'boolean', description: 'True when more records follow this page' },
      next_cursor: {
        type: ['string', 'null'],
        description: 'Pass as cursor= for the next page; null on the last page'
      },
      limit: { type: 'integer' }
    }
  } as const
}
