/** The command line as a user runs it: the built dist/src/cli.js in a child process. */
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { Store } from '../src/store/store.js'
import { tempDir } from './helpers/temp-store.js'

const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli.js')

function cli (args: string[], env: Record<string, string>, input?: string) {
  return spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    input,
    encoding: 'utf8'
  })
}

t.test('ingest files and standard input through the feed parsers', async (t) => {
  const env = { DNSLEDGER_DB: join(tempDir(t), 'cli.db') }
  const fixture = join(import.meta.dirname, 'fixtures', 'feeds', 'spamhaus_pdns_mx.txt')
  const fromFile = cli(['ingest', '--topic', 'spamhaus_pdns_mx', fixture], env)
  t.equal(fromFile.status, 0, fromFile.stderr)
  t.match(fromFile.stdout, /1382 messages, 1382 observations stored, 0 set aside/)

  const lines = '1468211432|Example.COM|mx.example.net\nnot a line\n'
  const fromStdin = cli(['ingest', '--topic', 'spamhaus_pdns_mx', '-'], env, lines)
  t.equal(fromStdin.status, 0, fromStdin.stderr)
  t.match(fromStdin.stdout, /-: 2 messages, 1 observations stored, 1 set aside/)

  const rejected = cli(['rejected', '--topic', 'spamhaus_pdns_mx'], env)
  t.match(JSON.parse(rejected.stdout.trim()), { offset: '2', code: 'bad_field_count' })
  const store = Store.open(env.DNSLEDGER_DB, { readonly: true })
  t.teardown(() => store.close())
  t.equal(store.observations.byName('example.com.', { limit: 10 }).records[0]?.rdata,
    'mx.example.net.')
})

t.test('usage errors say what to type', async (t) => {
  const env = { DNSLEDGER_DB: join(tempDir(t), 'cli.db') }
  const noTopic = cli(['ingest', 'file.txt'], env)
  t.equal(noTopic.status, 2)
  t.match(noTopic.stderr, /ingest needs --topic, one of spamhaus_new_domains/)
  const badTopic = cli(['ingest', '--topic', 'dns', 'file.txt'], env)
  t.match(badTopic.stderr, /--topic dns is not a feed topic/)
  const bare = cli([], env)
  t.equal(bare.status, 2)
  t.match(bare.stdout, /usage:/)
  const help = cli(['--help'], env)
  t.equal(help.status, 0)
  t.match(help.stdout, /dnsledger ingest --topic TOPIC FILE/)
  const unknown = cli(['frobnicate'], env)
  t.equal(unknown.status, 2)
  t.match(unknown.stderr, /unknown command frobnicate/)
})

t.test('a bad setting stops the service with the variable named', async (t) => {
  const result = cli(['serve'], { PORT: 'eighty', DNSLEDGER_DB: join(tempDir(t), 'x.db') })
  t.equal(result.status, 2)
  t.match(result.stderr, /PORT="eighty" is not valid: set it to a whole number/)
})
