/** Names a parsed JSON value's type the way a reason sentence needs it: "a string", "null". */
export function describeJsonType (value: unknown): string {
  if (value === undefined) return 'absent'

  if (value === null) return 'null'

  if (Array.isArray(value)) return 'an array'

  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

/** A JSON object (not an array, not null), whose fields are read one by one and checked. */
export function isJsonObject (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
