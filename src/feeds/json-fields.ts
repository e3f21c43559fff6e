import { describeJsonType, isJsonObject } from './json-type.js'
import type { RejectedMessage } from './observation.js'
import { reject } from './reject-codes.js'

export type JsonObject = Record<string, unknown>

export type Field<T> = { ok: true, value: T } | RejectedMessage

/** A field's value if the object has it as its own (never one inherited from a prototype). */
export function fieldOf (object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined
}

export function stringField (object: JsonObject, key: string, path: string): Field<string> {
  const value = fieldOf(object, key)
  return typeof value === 'string' ? { ok: true, value } : wrongType(value, path, 'a string')
}

export function numberField (object: JsonObject, key: string, path: string): Field<number> {
  const value = fieldOf(object, key)
  return typeof value === 'number' ? { ok: true, value } : wrongType(value, path, 'a number')
}

export function objectField (object: JsonObject, key: string, path: string): Field<JsonObject> {
  const value = fieldOf(object, key)
  return isJsonObject(value) ? { ok: true, value } : wrongType(value, path, 'an object')
}

export function arrayField (object: JsonObject, key: string, path: string): Field<unknown[]> {
  const value = fieldOf(object, key)
  return Array.isArray(value) ? { ok: true, value } : wrongType(value, path, 'an array')
}

/** Absent is `missing_field`; present but of another type (`"60"` for 60) `bad_field_type`. */
function wrongType (value: unknown, path: string, wanted: string): RejectedMessage {
  if (value === undefined) return reject('missing_field', `the JSON has no ${path}`)

  return reject('bad_field_type', `${path} is ${describeJsonType(value)}, not ${wanted}`)
}
