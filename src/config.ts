/**
 * The only place that reads the environment. Every setting is validated here, once, with a
 * message that names the variable and what to put in it; the result is frozen.
 */
import { readFileSync } from 'node:fs'
import {
  parseBurst, parseRate, RATE_FORMS, RATE_MAX_COUNT, type RateSetting
} from './api/access/rate-limit.js'
import { DnsledgerError } from './errors.js'

export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512'

export interface KafkaConfig {
  brokers: string[]
  clientId: string
  groupId: string
  topicPrefix: string
  sasl?: { mechanism: SaslMechanism, username: string, password: string }
  tls?: { caFile?: string, rejectUnauthorized: boolean }
  sessionTimeoutMs: number
  connectionTimeoutMs: number
}

export interface Config {
  host: string
  port: number
  logLevel: string
  databasePath: string
  sampleDir: string
  loadSample: 'auto' | 'never'
  ingestBatchMaxMessages: number
  /** With lag and no batch stored for this long, the consumer is restarted. */
  ingestStallTimeoutMs: number
  /** The longest wait between two tries of a failed store write or consumer restart. */
  ingestRetryMaxBackoffMs: number
  /** How long SIGTERM may take to finish the batch in flight and leave the group. */
  shutdownTimeoutMs: number
  apiDefaultLimit: number
  apiMaxLimit: number
  /** The most records an NDJSON or CSV stream holds, and its default. */
  apiStreamMaxLimit: number
  /** The most indicators one bulk lookup may carry. */
  apiBulkMaxIndicators: number
  /** The largest per-indicator `limit` a bulk lookup may ask for. */
  apiBulkMaxLimit: number
  /** The most TXT index entries one TXT search request examines before it returns a page. */
  apiTxtScanLimit: number
  /** Keys that the API requires (all but health, readiness and its description); none: open. */
  apiKeys: ApiKeyEntry[]
  /** Every key's limit unless its line says otherwise; per client address when no key is set. */
  apiRateLimit: RateSetting
  /** Origins whose pages may call the API from a browser; `*` for any; none: no CORS. */
  corsOrigins: string[]
  kafka?: KafkaConfig
}

export interface ApiKeyEntry {
  key: string
  /** The key's own limit, from its line in API_KEYS_FILE; else API_RATE_LIMIT applies. */
  rate?: RateSetting
}

type Env = Record<string, string | undefined>

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']
const SASL_MECHANISMS: SaslMechanism[] = ['plain', 'scram-sha-256', 'scram-sha-512']

function invalid (name: string, value: string, expected: string): DnsledgerError {
  return new DnsledgerError('CONFIG_INVALID', `${name}=${JSON.stringify(value)} is not valid: ` +
    `set it to ${expected}`, { variable: name })
}

function readString (env: Env, name: string, fallback: string): string {
  const value = env[name]
  return value === undefined || value.trim() === '' ? fallback : value.trim()
}

function readInteger (env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const value = Number(raw.trim())
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalid(name, raw, `a whole number from ${min} to ${max}`)
  }
  return value
}

function readBoolean (env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const value = raw.trim().toLowerCase()
  if (['1', 'true', 'yes', 'on'].includes(value)) return true
  if (['0', 'false', 'no', 'off'].includes(value)) return false
  throw invalid(name, raw, 'true or false')
}

function readChoice<T extends string> (env: Env, name: string, fallback: T, choices: T[]): T {
  const value = readString(env, name, fallback).toLowerCase()
  if (!choices.includes(value as T)) throw invalid(name, value, `one of ${choices.join(', ')}`)
  return value as T
}

function readSecret (env: Env, name: string): string | undefined {
  const fileName = `${name}_FILE`
  const file = env[fileName]
  if (file !== undefined && file.trim() !== '') {
    try {
      return readFileSync(file.trim(), 'utf8').replace(/\r?\n$/, '')
    } catch (err) {
      throw invalid(fileName, file, `a readable file (${(err as Error).message})`)
    }
  }
  return env[name]
}

function readBrokers (env: Env): string[] | undefined {
  const raw = env.KAFKA_BROKERS
  if (raw === undefined || raw.trim() === '') return undefined
  const brokers = raw.split(',').map((b) => b.trim()).filter((b) => b !== '')
  for (const broker of brokers) {
    if (!/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/.test(broker)) {
      throw invalid('KAFKA_BROKERS', raw, 'a comma-separated list of host:port')
    }
  }
  return brokers
}

function readSasl (env: Env): KafkaConfig['sasl'] {
  const username = env.KAFKA_SASL_USERNAME
  const password = readSecret(env, 'KAFKA_SASL_PASSWORD')
  if (username === undefined && password === undefined) return undefined
  if (username === undefined || username === '') {
    throw invalid('KAFKA_SASL_USERNAME', '', 'the username your feed provider gave you')
  }
  if (password === undefined || password === '') {
    throw invalid('KAFKA_SASL_PASSWORD', '', 'the password your feed provider gave you')
  }
  const mechanism = readChoice(env, 'KAFKA_SASL_MECHANISM', 'scram-sha-512', SASL_MECHANISMS)
  return { mechanism, username, password }
}

function readTls (env: Env): KafkaConfig['tls'] {
  const caFile = env.KAFKA_TLS_CA_FILE?.trim() || undefined
  if (!readBoolean(env, 'KAFKA_TLS', caFile !== undefined)) return undefined
  if (caFile !== undefined) {
    try {
      readFileSync(caFile)
    } catch (err) {
      throw invalid('KAFKA_TLS_CA_FILE', caFile, `a readable PEM file (${(err as Error).message})`)
    }
  }
  return { caFile, rejectUnauthorized: !readBoolean(env, 'KAFKA_TLS_INSECURE', false) }
}

/** Long enough that guessing one is hopeless; short keys are refused rather than weakly kept. */
const API_KEY_MIN_CHARS = 16

const BURST_FORM = `a whole number of requests from 1 to ${RATE_MAX_COUNT}`

const KEY_LINE_FORMS = 'lines of KEY, KEY RATE or KEY RATE BURST, where RATE is ' +
  `${RATE_FORMS} and BURST ${BURST_FORM}`

function checkedKey (name: string, key: string): string {
  if (key.length < API_KEY_MIN_CHARS || /[\s,]/.test(key)) {
    throw invalid(name, '(not shown)', `keys of at least ${API_KEY_MIN_CHARS} characters ` +
      'without spaces or commas (one key was not)')
  }

  return key
}

/** `KEY`, `KEY RATE` or `KEY RATE BURST`: a file of bare keys, as before rates, stays valid. */
function keyLine (file: string, lineNumber: number, line: string): ApiKeyEntry {
  const [key = '', rateText, burstText, ...extra] = line.trim().split(/\s+/)
  checkedKey('API_KEYS_FILE', key)
  if (rateText === undefined) return { key }

  const rate = parseRate(rateText)
  const burst = burstText === undefined ? undefined : parseBurst(burstText)
  const badBurst = burstText !== undefined && (burst === undefined || rate === 'unlimited')
  if (rate === undefined || badBurst || extra.length > 0) {
    throw invalid('API_KEYS_FILE', file, `${KEY_LINE_FORMS} (line ${lineNumber} is not)`)
  }

  return { key, rate: burst === undefined || rate === 'unlimited' ? rate : { ...rate, burst } }
}

function readKeyFile (file: string): ApiKeyEntry[] {
  let lines: string[]
  try {
    lines = readFileSync(file, 'utf8').split(/\r?\n/)
  } catch (err) {
    throw invalid('API_KEYS_FILE', file, `a readable file (${(err as Error).message})`)
  }

  return lines.flatMap((line, i) => line.trim() === '' || line.trim().startsWith('#')
    ? []
    : [keyLine(file, i + 1, line)])
}

/** Two entries for one key would leave it unclear which rate applies. */
function checkUnique (entries: ApiKeyEntry[]): ApiKeyEntry[] {
  const seen = new Set<string>()
  for (const { key } of entries) {
    if (seen.has(key)) {
      throw invalid('API_KEYS_FILE', '(not shown)', 'each key once across API_KEYS and ' +
        'API_KEYS_FILE (one key is listed twice): keep the entry with the rate you want')
    }
    seen.add(key)
  }

  return entries
}

/** API_KEYS (comma-separated) and API_KEYS_FILE (a key a line, maybe with a rate), together. */
function readApiKeys (env: Env): ApiKeyEntry[] {
  const listed = (env.API_KEYS ?? '').split(',').map((key) => key.trim()).filter((k) => k !== '')
  const keys = listed.map((key) => ({ key: checkedKey('API_KEYS', key) }))
  const file = env.API_KEYS_FILE?.trim()
  if (file === undefined || file === '') return checkUnique(keys)

  return checkUnique([...keys, ...readKeyFile(file)])
}

/** The limit of every key without its own, or of every client address when no key is set. */
function readRateLimit (env: Env): RateSetting {
  const text = readString(env, 'API_RATE_LIMIT', 'unlimited')
  const rate = parseRate(text)
  if (rate === undefined) throw invalid('API_RATE_LIMIT', text, RATE_FORMS)
  const burstText = readString(env, 'API_RATE_BURST', '')
  if (burstText === '') return rate

  const burst = parseBurst(burstText)
  if (burst === undefined) throw invalid('API_RATE_BURST', burstText, BURST_FORM)
  if (rate === 'unlimited') {
    throw invalid('API_RATE_BURST', burstText, 'nothing, or set API_RATE_LIMIT too (a burst ' +
      'means nothing without a rate)')
  }

  return { ...rate, burst }
}

const ORIGIN_FORMS = 'a comma-separated list of origins (scheme, host and port, nothing after: ' +
  'https://soc.example.com, http://localhost:3000), or * alone for any origin'

/** As a browser writes it in Origin: lower case, no default port, no path. */
function originOf (text: string): string | undefined {
  try {
    const url = new URL(text)
    const bare = url.pathname === '/' && url.search === '' && url.hash === '' &&
      url.username === '' && !text.endsWith('/')
    return bare && ['http:', 'https:'].includes(url.protocol) ? url.origin : undefined
  } catch {
    return undefined
  }
}

/** Browsers may call the API from these origins; none means no CORS headers at all. */
function readCorsOrigins (env: Env): string[] {
  const text = readString(env, 'CORS_ORIGINS', '')
  const listed = text.split(',').map((origin) => origin.trim()).filter((o) => o !== '')
  if (listed.includes('*')) {
    if (listed.length > 1) throw invalid('CORS_ORIGINS', text, ORIGIN_FORMS)
    return ['*']
  }

  const origins = listed.map(originOf)
  if (origins.includes(undefined)) throw invalid('CORS_ORIGINS', text, ORIGIN_FORMS)

  return origins as string[]
}

function readKafka (env: Env): KafkaConfig | undefined {
  const brokers = readBrokers(env)
  if (brokers === undefined) return undefined
  const groupId = readString(env, 'KAFKA_GROUP_ID', '')
  if (groupId === '') throw invalid('KAFKA_GROUP_ID', '', 'the consumer group your provider gave you')
  return {
    brokers,
    clientId: readString(env, 'KAFKA_CLIENT_ID', 'dnsledger'),
    groupId,
    topicPrefix: readString(env, 'KAFKA_TOPIC_PREFIX', ''),
    sasl: readSasl(env),
    tls: readTls(env),
    sessionTimeoutMs: readInteger(env, 'KAFKA_SESSION_TIMEOUT_MS', 30_000, 6_000, 300_000),
    connectionTimeoutMs: readInteger(env, 'KAFKA_CONNECTION_TIMEOUT_MS', 10_000, 1_000, 120_000)
  }
}

export function loadConfig (env: Env = process.env): Readonly<Config> {
  const apiMaxLimit = readInteger(env, 'API_MAX_LIMIT', 10_000, 1, 1_000_000)
  const config: Config = {
    host: readString(env, 'HOST', '127.0.0.1'),
    port: readInteger(env, 'PORT', 8080, 0, 65_535),
    logLevel: readChoice(env, 'LOG_LEVEL', 'info', LOG_LEVELS),
    databasePath: readString(env, 'DNSLEDGER_DB', 'dnsledger.db'),
    sampleDir: readString(env, 'DNSLEDGER_SAMPLE_DIR', 'data/sample'),
    loadSample: readChoice(env, 'DNSLEDGER_LOAD_SAMPLE', 'auto', ['auto', 'never']),
    ingestBatchMaxMessages: readInteger(env, 'INGEST_BATCH_MAX_MESSAGES', 5_000, 1, 1_000_000),
    ingestStallTimeoutMs: readInteger(env, 'INGEST_STALL_TIMEOUT_MS', 120_000, 1_000, 86_400_000),
    ingestRetryMaxBackoffMs: readInteger(env, 'INGEST_RETRY_MAX_BACKOFF_MS', 30_000, 100,
      600_000),
    shutdownTimeoutMs: readInteger(env, 'SHUTDOWN_TIMEOUT_MS', 30_000, 1_000, 600_000),
    apiDefaultLimit: readInteger(env, 'API_DEFAULT_LIMIT', 100, 1, apiMaxLimit),
    apiMaxLimit,
    apiStreamMaxLimit: readInteger(env, 'API_STREAM_MAX_LIMIT', 1_000_000, apiMaxLimit,
      1_000_000_000),
    apiBulkMaxIndicators: readInteger(env, 'API_BULK_MAX_INDICATORS', 1_000, 1, 100_000),
    apiBulkMaxLimit: readInteger(env, 'API_BULK_MAX_LIMIT', Math.min(100, apiMaxLimit), 1,
      apiMaxLimit),
    apiTxtScanLimit: readInteger(env, 'API_TXT_SCAN_LIMIT', 50_000, 1_000, 100_000_000),
    apiKeys: readApiKeys(env),
    apiRateLimit: readRateLimit(env),
    corsOrigins: readCorsOrigins(env),
    kafka: readKafka(env)
  }

  return Object.freeze(config)
}
