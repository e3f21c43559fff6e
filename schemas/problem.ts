/** Every error body: RFC 9457 problem details, with dnsledger's stable error code. */
export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  required: ['type', 'title', 'status', 'code', 'detail'],
  properties: {
    type: { type: 'string', description: 'A URI naming the kind of problem' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', description: 'Stable error code, e.g. INVALID_NAME' },
    detail: { type: 'string', description: 'What was wrong and what to send instead' },
    instance: { type: 'string' }
  },
  examples: [{
    type: 'urn:dnsledger:problem:invalid-ip',
    title: 'Invalid IP address',
    status: 400,
    code: 'INVALID_IP',
    detail: 'IPv4 octet "256" is over 255 in "10.0.0.256"'
  }]
} as const

export const PROBLEM_CONTENT_TYPE = 'application/problem+json'

/** A documented error answer: a problem document, under the media type it is sent with. */
export function problemResponse (description: string) {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: 'Problem#' } } } }
}

/** Every 4xx a native route can answer (400, 404, 405, 406, 413, 415, 431, ...). */
export const CLIENT_ERROR_RESPONSE = problemResponse('The request cannot be answered: the ' +
  'problem document\'s code says why and its detail what to send instead')

/** A failure of the server (the database failing): logged, and answered with no detail. */
export const SERVER_ERROR_RESPONSE = problemResponse('The server failed to answer; it is logged')
