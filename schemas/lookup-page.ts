/** A page of lookup results. A cut list always says so: truncated plus a cursor. */
export function pageSchema<Item extends object> (id: string, item: Item) {
  return {
    $id: id,
    type: 'object',
    additionalProperties: false,
    required: ['query', 'records', 'truncated', 'next_cursor', 'limit'],
    properties: {
      query: {
        type: 'object',
        description: 'The lookup as understood, with the input normalized',
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
