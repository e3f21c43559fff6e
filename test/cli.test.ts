/** The command line as a user runs it: the built dist/src/cli.js in a child process. */
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
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
  t.match(JSON.parse(rejected.stdout.trim()), { offset: '2', code: 'bad_field_count',
    reason: / \(line 2 of standard input\)$/ })
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
  t.match(badTopic.stderr, /--topic dns is not one of the eight feed topics/)
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

t.test('a wrong option or a topic that is no feed topic is one line, then the usage',
  async (t) => {
    const env = { DNSLEDGER_DB: join(tempDir(t), 'cli.db') }
    cli(['ingest', '--topic', 'spamhaus_pdns_mx', '-'], env, '')
    const bogus = cli(['rejected', '--bogus'], env)
    t.equal(bogus.status, 2)
    t.match(bogus.stderr,
      /^dnsledger: rejected has no option --bogus: it takes --topic, --code, --limit\nusage:\n/)
    t.notMatch(bogus.stderr, /To specify a positional argument/, 'not parseArgs\' own text')
    const topic = cli(['rejected', '--topic', 'nope'], env)
    t.equal(topic.status, 2)
    t.match(topic.stderr, /^dnsledger: --topic nope is not one of the eight feed topics: use one /)
    t.match(topic.stderr, /one of spamhaus_new_domains, spamhaus_pdns_cname, .*_soa\nusage:/)
    t.equal(topic.stdout, '')
    const code = cli(['reingest', '--code', 'nope'], env)
    t.match(code.stderr, /^dnsledger: --code nope is not a reject code: use one of unknown_topic, /)
    const noValue = cli(['rejected', '--topic'], env)
    t.match(noValue.stderr, /^dnsledger: --topic needs a value: --topic TOPIC\n/)
    const extra = cli(['rejected', 'spamhaus_pdns_mx'], env)
    t.match(extra.stderr, /^dnsledger: rejected takes no argument "spamhaus_pdns_mx"/)
    const hex = cli(['rejected', '--limit', '0x10'], env)
    t.match(hex.stderr, /--limit takes a whole number above 0, in decimal digits/)
    const none = cli(['rejected', '--topic', 'spamhaus_pdns_ns'], env)
    t.same([none.status, none.stdout, none.stderr], [0, '', 'no set-aside messages match\n'])
    t.equal(cli(['rejected', '--help'], env).status, 0)
  })

t.test('a file that cannot be read stops ingest before any file is stored, in one line',
  async (t) => {
    const dir = tempDir(t)
    const env = { DNSLEDGER_DB: join(dir, 'cli.db') }
    const good = join(dir, 'good.txt')
    writeFileSync(good, '1468211432|example.com|mx.example.net\n')
    const missing = join(dir, 'missing.txt')
    const result = cli(['ingest', '--topic', 'spamhaus_pdns_mx', good, missing], env)
    t.equal(result.status, 1)
    t.equal(result.stdout, '', 'no file reported as ingested')
    t.equal(result.stderr, `dnsledger: cannot read ${missing} (ENOENT): check that the path ` +
      'exists and that this user may read it; nothing was ingested\n')
    const folder = cli(['ingest', '--topic', 'spamhaus_pdns_mx', good, dir], env)
    t.equal(folder.status, 1)
    t.equal(folder.stderr, `dnsledger: cannot read ${dir} (EISDIR): check that the path ` +
      'exists, is a file rather than a folder, and that this user may read it; nothing was ' +
      'ingested\n')
    t.same(storedNames(env.DNSLEDGER_DB), [], 'the readable file before it was not stored either')
  })

t.test('a pipe is ingested whole: the readable check takes no byte of it', async (t) => {
  const env = { DNSLEDGER_DB: join(tempDir(t), 'cli.db') }
  const lines = '1468211432|example.com|mx1.example.net\n1468211433|example.com|mx2.example.net\n'
  // As a shell's <(zcat feed.gz) passes one: a path to a pipe that another process writes.
  const result = spawnSync('bash', ['-c', `"$NODE" "$CLI" ingest --topic spamhaus_pdns_mx ` +
    '<(printf "$LINES")'], { env: { ...process.env, ...env, NODE: process.execPath, CLI,
    LINES: lines }, encoding: 'utf8' })
  t.equal(result.status, 0, result.stderr)
  t.match(result.stdout, /2 messages, 2 observations stored, 0 set aside/)
  t.same(storedNames(env.DNSLEDGER_DB), ['example.com.', 'example.com.'])
})

function storedNames (path: string): string[] {
  if (!existsSync(path)) return []
  const store = Store.open(path, { readonly: true })
  try {
    return store.observations.byName('example.com.', { limit: 10 }).records.map((r) => r.rrname)
  } finally {
    store.close()
  }
}
