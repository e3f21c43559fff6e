import t from 'tap'
import { loadConfig } from '../src/config.js'

t.test('defaults serve the sample on 127.0.0.1:8080 with no Kafka', async (t) => {
  const config = loadConfig({})
  t.match(config, { host: '127.0.0.1', port: 8080, databasePath: 'dnsledger.db', kafka: undefined })
  t.ok(Object.isFrozen(config))
})

t.test('streams hold a million records by default, and at least what a page may', async (t) => {
  t.equal(loadConfig({}).apiStreamMaxLimit, 1_000_000)
  t.equal(loadConfig({ API_STREAM_MAX_LIMIT: '50000000' }).apiStreamMaxLimit, 50_000_000)
  t.equal(loadConfig({ API_MAX_LIMIT: '500', API_STREAM_MAX_LIMIT: '500' }).apiStreamMaxLimit, 500)
})

t.test('the TXT search scan bound', async (t) => {
  t.equal(loadConfig({}).apiTxtScanLimit, 50_000)
  t.equal(loadConfig({ API_TXT_SCAN_LIMIT: '250000' }).apiTxtScanLimit, 250_000)
})

t.test('Kafka settings', async (t) => {
  const config = loadConfig({
    KAFKA_BROKERS: 'b1.example:9092, b2.example:9093',
    KAFKA_GROUP_ID: 'customer-42',
    KAFKA_SASL_USERNAME: 'user',
    KAFKA_SASL_PASSWORD: 'secret',
    KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256',
    KAFKA_TOPIC_PREFIX: 'feed.'
  })
  t.match(config.kafka, {
    brokers: ['b1.example:9092', 'b2.example:9093'],
    groupId: 'customer-42',
    topicPrefix: 'feed.',
    sasl: { mechanism: 'scram-sha-256', username: 'user', password: 'secret' }
  })
})

t.test('a bad value names the variable and what to put in it', async (t) => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: '80a' }, /PORT="80a" .* whole number from 0 to 65535/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL.*one of fatal/],
    [{ KAFKA_BROKERS: 'nohostport' }, /KAFKA_BROKERS.*host:port/],
    [{ KAFKA_BROKERS: 'b:9092' }, /KAFKA_GROUP_ID/],
    [{ KAFKA_BROKERS: 'b:9092', KAFKA_GROUP_ID: 'g', KAFKA_SASL_USERNAME: 'u' }, /KAFKA_SASL_PASSWORD/],
    [{ KAFKA_BROKERS: 'b:9092', KAFKA_GROUP_ID: 'g', KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'p', KAFKA_SASL_MECHANISM: 'gssapi' }, /KAFKA_SASL_MECHANISM.*scram-sha-512/],
    [{ KAFKA_TLS_CA_FILE: '/nonexistent/ca.pem', KAFKA_BROKERS: 'b:1', KAFKA_GROUP_ID: 'g' },
      /KAFKA_TLS_CA_FILE.*readable/],
    [{ API_DEFAULT_LIMIT: '500', API_MAX_LIMIT: '100' }, /API_DEFAULT_LIMIT.*1 to 100/],
    [{ API_STREAM_MAX_LIMIT: '5000' }, /API_STREAM_MAX_LIMIT.*from 10000 to 1000000000/],
    [{ API_STREAM_MAX_LIMIT: 'all' }, /API_STREAM_MAX_LIMIT/],
    [{ API_BULK_MAX_INDICATORS: '0' }, /API_BULK_MAX_INDICATORS.*1 to 100000/],
    [{ API_BULK_MAX_LIMIT: '500', API_MAX_LIMIT: '100' }, /API_BULK_MAX_LIMIT.*1 to 100/],
    [{ API_TXT_SCAN_LIMIT: '10' }, /API_TXT_SCAN_LIMIT="10" .* 1000 to 100000000/]
  ]
  for (const [env, message] of cases) {
    t.throws(() => loadConfig(env), { code: 'CONFIG_INVALID', message }, JSON.stringify(env))
  }
})

t.test('bulk lookups: 1000 indicators of at most 100 records each, within API_MAX_LIMIT',
  async (t) => {
    t.match(loadConfig({}), { apiBulkMaxIndicators: 1000, apiBulkMaxLimit: 100 })
    t.match(loadConfig({ API_MAX_LIMIT: '50' }), { apiBulkMaxLimit: 50 })
    t.match(loadConfig({ API_BULK_MAX_INDICATORS: '20', API_BULK_MAX_LIMIT: '500' }),
      { apiBulkMaxIndicators: 20, apiBulkMaxLimit: 500 })
  })
