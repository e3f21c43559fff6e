import t from 'tap'
import { loadConfig } from '../../src/config.js'

t.test('the reliability settings have defaults and are checked', async (t) => {
  const defaults = loadConfig({})
  t.equal(defaults.ingestStallTimeoutMs, 120_000)
  t.equal(defaults.ingestRetryMaxBackoffMs, 30_000)
  t.equal(defaults.shutdownTimeoutMs, 30_000)
  const set = loadConfig({ INGEST_STALL_TIMEOUT_MS: '5000', INGEST_RETRY_MAX_BACKOFF_MS: '250',
    SHUTDOWN_TIMEOUT_MS: '2000' })
  t.match(set, { ingestStallTimeoutMs: 5000, ingestRetryMaxBackoffMs: 250,
    shutdownTimeoutMs: 2000 })
  t.throws(() => loadConfig({ INGEST_STALL_TIMEOUT_MS: '10' }),
    { code: 'CONFIG_INVALID', message: /INGEST_STALL_TIMEOUT_MS="10" is not valid/ })
  t.throws(() => loadConfig({ INGEST_RETRY_MAX_BACKOFF_MS: 'soon' }), { code: 'CONFIG_INVALID' })
  t.throws(() => loadConfig({ SHUTDOWN_TIMEOUT_MS: '-1' }), { code: 'CONFIG_INVALID' })
})
