/**
 * A property-based run of the native API from its own OpenAPI document: Schemathesis (from
 * PyPI, in the venv scripts/compat-deps.sh makes) generates requests from the document's
 * schemas and examples and sends them to a built dnsledger over the sample data, with keys
 * configured. Any 5xx, any answer that breaks its documented schema, status, content type or
 * headers, any key-protected route that answers without a key, and any method a path does not
 * take that is not a 405 with Allow fails the test, with Schemathesis' report. The seed and
 * the number of examples are fixed, so that a run is repeatable; nothing is written outside a
 * temporary folder.
 */
import t from 'tap'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { COMPAT_KEY, compatService, localEnv, run, tempDir } from './compat-service.js'

const st = resolve('.cache/compat-venv/bin/st')
const skip = existsSync(st) ? false : 'schemathesis is not installed: run scripts/compat-deps.sh'

const CHECKS = ['not_a_server_error', 'status_code_conformance', 'content_type_conformance',
  'response_schema_conformance', 'response_headers_conformance', 'ignored_auth',
  'unsupported_method', 'allow_header_conformance']

/** The native API and the probes; the DNSDB and CIRCL APIs have their real clients' tests. */
const NATIVE_PATHS = '^/(v1/|health$|ready$)'

/** Examples per operation and phase; a seed, so that a failure is found again. */
const MAX_EXAMPLES = 100
const SEED = 20_260_101

t.test('schemathesis finds no fault in the native API', { skip }, async (t) => {
  const service = await compatService(t)
  const scratch = tempDir(t)
  // Run in the scratch folder: whatever Hypothesis or Schemathesis write lands there.
  const out = await run(st, [
    'run', `http://127.0.0.1:${service.port}/openapi.json`,
    '--include-path-regex', NATIVE_PATHS,
    '--checks', CHECKS.join(','),
    '--header', `X-API-Key: ${COMPAT_KEY}`,
    '--max-examples', String(MAX_EXAMPLES),
    '--seed', String(SEED),
    // One worker: with several, Hypothesis' source inspection races between threads.
    '--workers', '1',
    '--generation-database', 'none',
    '--no-color'
  ], localEnv({ HYPOTHESIS_STORAGE_DIRECTORY: resolve(scratch, '.hypothesis') }), scratch)
  const report = `${out.stdout}${out.stderr}`
  if (out.code !== 0) t.comment(report)
  t.equal(out.code, 0, 'schemathesis reports no failure and no error')
  t.match(report, /Tested: 13\b/, 'every native operation, /health and /ready are tested')
  t.notMatch(report, /Errors:/, 'no operation errored')
})
