/**
 * A start that fails for a known reason ends with one fatal log line that says what to change
 * (and the same sentence on standard error), exit 1, and no stack trace.
 */
import t, { type Test } from 'tap'
import { once } from 'node:events'
import { mkdirSync } from 'node:fs'
import net from 'node:net'
import { join } from 'node:path'
import { startupFailure } from '../src/startup-failure.js'
import { DnsledgerError } from '../src/errors.js'
import { startService } from './helpers/service-process.js'
import { tempDir } from './helpers/temp-store.js'

const PLACE = { host: '127.0.0.1', port: 8053, sampleDir: '/srv/sample', databasePath: '/x.db' }

function systemError (code: string, extra: Record<string, string> = {}) {
  return Object.assign(new Error(`${code}: failed`), { code, ...extra })
}

async function startAndFail (t: Test, env: Record<string, string>) {
  const service = await startService(t, { DNSLEDGER_LOAD_SAMPLE: 'never', ...env },
    { waitForHealth: false })
  const code = await service.exited()
  const lines = service.output().split('\n').filter((line) => line !== '')

  return { code, fatal: lines.filter((line) => line.includes('"level":60')), lines }
}

t.test('each known cause is a sentence that says what to change', async (t) => {
  t.same(startupFailure(systemError('EADDRINUSE'), PLACE), { code: 'LISTEN_FAILED',
    detail: 'port 8053 on 127.0.0.1 is in use: set PORT to a free port, or stop the other ' +
      'process listening there' })
  t.match(startupFailure(systemError('EACCES'), PLACE)?.detail, /set PORT to 1024 or above/)
  t.match(startupFailure(systemError('EADDRNOTAVAIL'), PLACE)?.detail, /^HOST 127\.0\.0\.1 is/)
  t.match(startupFailure(systemError('ENOTFOUND'), PLACE)?.detail, /set HOST to an IP address/)
  t.same(startupFailure(systemError('ENOENT', { path: '/srv/sample' }), PLACE), {
    code: 'FILE_UNREADABLE', detail: 'cannot read /srv/sample (ENOENT): check ' +
      'DNSLEDGER_SAMPLE_DIR, that the path exists and that this user may read it' })
  const store = new DnsledgerError('STORE_CANNOT_OPEN', 'cannot open /x.db: check DNSLEDGER_DB')
  t.same(startupFailure(store, PLACE), { code: 'STORE_CANNOT_OPEN', detail: store.message })
  t.equal(startupFailure(new TypeError('x is not a function'), PLACE), undefined, 'a bug')
})

t.test('a port in use: one fatal line with the fix, exit 1, no stack', async (t) => {
  const holder = net.createServer()
  holder.listen(0, '127.0.0.1')
  await once(holder, 'listening')
  t.teardown(() => holder.close())
  const port = (holder.address() as net.AddressInfo).port
  const { code, fatal, lines } = await startAndFail(t, {
    PORT: String(port), DNSLEDGER_DB: join(tempDir(t), 'x.db')
  })
  t.equal(code, 1)
  t.equal(fatal.length, 1, 'one fatal line')
  t.match(JSON.parse(fatal[0] ?? '{}'), { level: 60, code: 'LISTEN_FAILED', msg: 'cannot start',
    detail: `port ${port} on 127.0.0.1 is in use: set PORT to a free port, or stop the other ` +
      'process listening there' })
  t.ok(lines.includes(`dnsledger: port ${port} on 127.0.0.1 is in use: set PORT to a free ` +
    'port, or stop the other process listening there'), 'the same sentence on stderr')
  t.notMatch(lines.join('\n'), /\bat .*\(.*:\d+:\d+\)|"stack"/, 'no stack trace')
})

t.test('a database folder that does not exist, a sample folder that does not: no stack',
  async (t) => {
    const dir = tempDir(t)
    const noFolder = await startAndFail(t, { DNSLEDGER_DB: join(dir, 'missing', 'x.db') })
    t.equal(noFolder.code, 1)
    t.match(noFolder.fatal[0], /"code":"STORE_CANNOT_OPEN".*check DNSLEDGER_DB/)
    t.notMatch(noFolder.lines.join('\n'), /"stack"/)
    mkdirSync(join(dir, 'db'))
    const noSample = await startAndFail(t, { DNSLEDGER_DB: join(dir, 'db', 'x.db'),
      DNSLEDGER_LOAD_SAMPLE: 'auto', DNSLEDGER_SAMPLE_DIR: join(dir, 'no-sample') })
    t.equal(noSample.code, 1)
    t.match(noSample.fatal[0], /"code":"FILE_UNREADABLE".*check DNSLEDGER_SAMPLE_DIR/)
    t.notMatch(noSample.lines.join('\n'), /"stack"/)
  })
