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
