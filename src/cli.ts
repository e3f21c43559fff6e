#!/usr/bin/env node
/**
 * The command line: `dnsledger serve` runs the service; `dnsledger ingest --topic NAME FILE...`
 * backfills feed files (one message per line, `-` for stdin) through the same parsers and store;
 * `dnsledger rejected` lists what ingest set aside; `dnsledger reingest` parses it again after a
 * fix and stores what now parses. The commands write on their own thread: they serve no HTTP,
 * so the service's writer thread would only add a hand-off.
 */
import { parseArgs } from 'node:util'
import { loadConfig } from './config.js'
import { FEED_KINDS } from './feeds/observation.js'
import { REJECT_CODES } from './feeds/reject-codes.js'
import { checkReadable, ingestFile, ingestStream } from './ingest/file-ingest.js'
import { InlineWriter } from './ingest/inline-writer.js'
import { reingestRejected } from './ingest/reingest.js'
import { formatDocument, openapiDocument } from './openapi-document.js'
import { unreadableFileDetail } from './startup-failure.js'
import { Store } from './store/store.js'

const USAGE = `usage:
  dnsledger serve
  dnsledger ingest --topic TOPIC FILE... (FILE may be - for standard input)
  dnsledger rejected [--topic TOPIC] [--code CODE] [--limit N]
  dnsledger reingest [--topic TOPIC] [--code CODE] (parse set-aside messages again)
  dnsledger openapi (prints the OpenAPI document)
settings come from the environment (see README); DNSLEDGER_DB names the database file`

function fail (message: string): never {
  process.stderr.write(`dnsledger: ${message}\n${USAGE}\n`)
  process.exit(2)
}

type StringOptions = Record<string, { type: 'string', default?: string }>

/**
 * parseArgs, but a mistake is one line that says what to type instead, then the usage, exit 2;
 * parseArgs' own errors are long and name no command. Parsed leniently, then checked here.
 */
function parseOptions (command: string, args: string[], options: StringOptions,
  takesFiles = false) {
  const parsed = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true })
  const known = Object.keys(options).map((name) => `--${name}`).join(', ')
  for (const token of parsed.tokens) {
    if (token.kind === 'option' && token.name === 'help') {
      process.stdout.write(`${USAGE}\n`)
      process.exit(0)
    }
    if (token.kind === 'option' && !(token.name in options)) {
      fail(`${command} has no option ${token.rawName}: it takes ${known}`)
    }
    if (token.kind === 'option' && (token.value === undefined ||
      (!token.inlineValue && token.value.startsWith('-')))) {
      fail(`${token.rawName} needs a value: ${token.rawName} ${token.name.toUpperCase()}`)
    }
    if (token.kind === 'positional' && !takesFiles) {
      fail(`${command} takes no argument "${token.value}": it takes ${known}`)
    }
  }

  return { values: parsed.values as Record<string, string | undefined>,
    positionals: parsed.positionals }
}

/** A topic that is not a feed topic would silently match nothing. */
function checkTopic (topic: string | undefined, prefix: string): void {
  if (topic === undefined || FEED_KINDS.some((kind) => `${prefix}${kind}` === topic)) return
  fail(`--topic ${topic} is not one of the eight feed topics: use one of ` +
    FEED_KINDS.map((kind) => `${prefix}${kind}`).join(', '))
}

function checkCode (code: string | undefined): void {
  if (code === undefined || code in REJECT_CODES) return
  fail(`--code ${code} is not a reject code: use one of ${Object.keys(REJECT_CODES).join(', ')}`)
}

async function ingest (args: string[]): Promise<void> {
  const { values, positionals } = parseOptions('ingest', args, { topic: { type: 'string' } }, true)
  const config = loadConfig()
  const prefix = config.kafka?.topicPrefix ?? ''
  const topic = values.topic ?? fail('ingest needs --topic, one of ' + FEED_KINDS.join(', '))
  checkTopic(topic, prefix)
  if (positionals.length === 0) fail('ingest needs at least one FILE (or - for standard input)')
  checkReadable(positionals)

  const store = Store.open(config.databasePath)
  const writer = new InlineWriter(store, prefix)
  try {
    for (const file of positionals) {
      const batchMaxMessages = config.ingestBatchMaxMessages
      const result = file === '-'
        ? await ingestStream(writer, topic, process.stdin,
          { batchMaxMessages, source: 'standard input' })
        : await ingestFile(writer, topic, file, { batchMaxMessages })
      process.stdout.write(`${file}: ${result.messages} messages, ${result.observations} ` +
        `observations stored, ${result.rejects} set aside\n`)
    }
  } finally {
    store.close()
  }
}

function rejected (args: string[]): void {
  const { values } = parseOptions('rejected', args, {
    topic: { type: 'string' }, code: { type: 'string' }, limit: { type: 'string', default: '100' }
  })
  const config = loadConfig()
  checkTopic(values.topic, config.kafka?.topicPrefix ?? '')
  checkCode(values.code)
  if (!/^\d+$/.test(values.limit ?? '') || Number(values.limit) < 1) {
    fail('--limit takes a whole number above 0, in decimal digits')
  }
  const limit = Number(values.limit)
  const store = Store.open(config.databasePath, { readonly: true })
  const page = store.rejected.list({ topic: values.topic, code: values.code, limit })
  for (const record of page.records) process.stdout.write(`${JSON.stringify(record)}\n`)
  if (page.records.length === 0) process.stderr.write('no set-aside messages match\n')
  if (page.nextCursor !== undefined) {
    process.stderr.write(`more than ${limit} set aside: raise --limit, or page with ` +
      'GET /v1/rejected\n')
  }
  store.close()
}

function reingest (args: string[]): void {
  const { values } = parseOptions('reingest', args, {
    topic: { type: 'string' }, code: { type: 'string' }
  })
  const config = loadConfig()
  checkTopic(values.topic, config.kafka?.topicPrefix ?? '')
  checkCode(values.code)
  const store = Store.open(config.databasePath)
  try {
    const result = reingestRejected(store, { ...values, topicPrefix: config.kafka?.topicPrefix })
    process.stdout.write(`${result.examined} set-aside messages parsed again: ${result.stored} ` +
      `now stored and removed, ${result.stillRejected} still rejected, ${result.notKept} not ` +
      'kept whole (over the size limit, or set aside by an older dnsledger)\n')
  } finally {
    store.close()
  }
}

async function run (argv: string[]): Promise<void> {
  const [command, ...rest] = argv
  if (command === undefined || command === '--help' || command === 'help') {
    process.stdout.write(`${USAGE}\n`)
    process.exit(command === undefined ? 2 : 0)
  }
  if (command === 'serve') {
    await import('./main.js')
    return
  }
  if (command === 'ingest') return ingest(rest)
  if (command === 'rejected') return rejected(rest)
  if (command === 'reingest') return reingest(rest)
  if (command === 'openapi') {
    process.stdout.write(formatDocument(await openapiDocument()))
    return
  }
  fail(`unknown command ${command}`)
}

try {
  await run(process.argv.slice(2))
} catch (err) {
  // A file that went away mid-run says what to check too, not only Node's own words.
  process.stderr.write(`dnsledger: ${unreadableFileDetail(err) ?? (err as Error).message}\n`)
  process.exit(1)
}
