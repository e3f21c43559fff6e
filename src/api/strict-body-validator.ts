/**
 * A validator for JSON request bodies that coerces nothing. The app's validator turns query
 * strings into numbers and booleans, which they need; a JSON body already has its types, and
 * `"limit": "5"`, `"limit": true` or an indicator `123` is a mistake to report, not to repair.
 */
import { Ajv, type AnySchema } from 'ajv'
import type { FastifySchemaCompiler } from 'fastify'

export function strictBodyValidator (schemas: AnySchema[]): FastifySchemaCompiler<AnySchema> {
  const ajv = new Ajv({
    allErrors: false,
    coerceTypes: false,
    removeAdditional: false,
    useDefaults: false,
    verbose: true,
    // Schemas also carry OpenAPI annotations (examples, descriptions): not ajv's concern.
    strict: false
  })
  for (const schema of schemas) ajv.addSchema(schema)

  return ({ schema }) => ajv.compile(schema)
}
