/** API_KEYS, API_KEYS_FILE (with per-key rates), API_RATE_LIMIT, API_RATE_BURST, CORS_ORIGINS. */
import t from 'tap'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ApiKeySet } from '../../../src/api/api-key-set.js'
import { loadConfig } from '../../../src/config.js'
import { tempDir } from '../../helpers/temp-store.js'

function keyFile (t: Parameters<typeof tempDir>[0], text: string): string {
  const file = join(tempDir(t), 'keys')
  writeFileSync(file, text)

  return file
}

function message (run: () => unknown): string {
  try {
    run()
    return ''
  } catch (err) {
    return (err as Error).message
  }
}

t.test('API_KEYS and API_KEYS_FILE together; no keys by default', async (t) => {
  t.same(loadConfig({}).apiKeys, [])
  const file = keyFile(t, '# operators\nfile-key-0123456789abc\n\n  second-file-key-01234  \n')
  const keys = loadConfig({ API_KEYS: 'env-key-0123456789abc, other-env-key-012345',
    API_KEYS_FILE: file }).apiKeys
  t.same(keys.map((entry) => entry.key), ['env-key-0123456789abc', 'other-env-key-012345',
    'file-key-0123456789abc', 'second-file-key-01234'])
  t.ok(keys.every((entry) => entry.rate === undefined), 'bare keys take the default rate')
})

t.test('a line may give its key a rate, and a burst', async (t) => {
  const file = keyFile(t, 'plain-key-0123456789abc\n' +
    'slow-key-0123456789abcd 60/min\n' +
    'fast-key-0123456789abcd\t100/s   20\n' +
    'free-key-0123456789abcd unlimited\r\n')
  t.same(loadConfig({ API_KEYS_FILE: file }).apiKeys, [
    { key: 'plain-key-0123456789abc' },
    { key: 'slow-key-0123456789abcd', rate: { count: 60, seconds: 60, burst: 60 } },
    { key: 'fast-key-0123456789abcd', rate: { count: 100, seconds: 1, burst: 20 } },
    { key: 'free-key-0123456789abcd', rate: 'unlimited' }
  ])
})

t.test('a bad line names the file, the line and the forms, never the key', async (t) => {
  for (const [line, number] of [['ok-key-0123456789abcdef\nbad-key-0123456789abcd 60', 2],
    ['bad-key-0123456789abcd 60/day', 1], ['bad-key-0123456789abcd 60/min 0', 1],
    ['bad-key-0123456789abcd unlimited 5', 1], ['bad-key-0123456789abcd 60/min 5 x', 1],
    ['bad-key-0123456789abcd 0x10/s', 1]] as const) {
    const text = message(() => loadConfig({ API_KEYS_FILE: keyFile(t, line) }))
    t.match(text, /^API_KEYS_FILE=".*keys" is not valid: set it to lines of KEY, KEY RATE or /)
    t.match(text, `(line ${number} is not)`)
    t.notMatch(text, 'bad-key', 'the key is not repeated')
  }
})

t.test('a short or spaced key, a key twice, or an unreadable file stops the service',
  async (t) => {
    t.throws(() => loadConfig({ API_KEYS: 'short' }),
      { code: 'CONFIG_INVALID', message: /API_KEYS=.*at least 16 characters/ })
    t.throws(() => loadConfig({ API_KEYS: 'has space in it 0123456' }),
      { code: 'CONFIG_INVALID' })
    t.throws(() => loadConfig({ API_KEYS_FILE: '/nonexistent/keys' }),
      { message: /API_KEYS_FILE.*readable/ })
    t.throws(() => loadConfig({ API_KEYS: 'twice-key-0123456789abc',
      API_KEYS_FILE: keyFile(t, 'twice-key-0123456789abc 10/s\n') }),
    { message: /each key once across API_KEYS and API_KEYS_FILE/ })
    t.notMatch(message(() => loadConfig({ API_KEYS: 'secret' })), /secret/,
      'the key is not repeated in the message')
  })

t.test('API_RATE_LIMIT and API_RATE_BURST: off by default, checked with a fix-it', async (t) => {
  t.equal(loadConfig({}).apiRateLimit, 'unlimited')
  t.same(loadConfig({ API_RATE_LIMIT: '600/min' }).apiRateLimit,
    { count: 600, seconds: 60, burst: 600 })
  t.same(loadConfig({ API_RATE_LIMIT: '10/s', API_RATE_BURST: '50' }).apiRateLimit,
    { count: 10, seconds: 1, burst: 50 })
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ API_RATE_LIMIT: '600' }, /API_RATE_LIMIT="600" .* a count per second, minute or hour/],
    [{ API_RATE_LIMIT: '10/s', API_RATE_BURST: '1.5' }, /API_RATE_BURST.*whole number of/],
    [{ API_RATE_BURST: '5' }, /API_RATE_BURST="5".*set API_RATE_LIMIT too/]
  ]
  for (const [env, pattern] of cases) {
    t.throws(() => loadConfig(env), { code: 'CONFIG_INVALID', message: pattern })
  }
})

t.test('CORS_ORIGINS: none by default, origins as browsers write them, or * alone',
  async (t) => {
    t.same(loadConfig({}).corsOrigins, [])
    t.same(loadConfig({ CORS_ORIGINS: 'https://SOC.example.com, http://localhost:3000' })
      .corsOrigins, ['https://soc.example.com', 'http://localhost:3000'])
    t.same(loadConfig({ CORS_ORIGINS: 'https://soc.example.com:443' }).corsOrigins,
      ['https://soc.example.com'], 'the default port is not part of an origin')
    t.same(loadConfig({ CORS_ORIGINS: ' * ' }).corsOrigins, ['*'])
    for (const bad of ['soc.example.com', 'https://soc.example.com/', 'https://x.example/app',
      'ftp://x.example', '*, https://x.example']) {
      t.throws(() => loadConfig({ CORS_ORIGINS: bad }),
        { message: /CORS_ORIGINS=.*comma-separated list of origins/ }, bad)
    }
  })

t.test('ApiKeySet matches any configured key and says which', async (t) => {
  const keys = new ApiKeySet(['first-key-0123456789', 'second-key-0123456789'])
  t.ok(keys.required)
  t.ok(keys.matches('second-key-0123456789'))
  t.ok(keys.matches(undefined, 'nope', 'first-key-0123456789'))
  t.equal(keys.identify('nope', 'second-key-0123456789'), 1)
  t.equal(keys.identify('second-key-0123456789', 'first-key-0123456789'), 1,
    'the first candidate that is a key')
  t.notOk(keys.matches('first-key-012345678'))
  t.notOk(keys.matches('', undefined))
  t.notOk(new ApiKeySet([]).required)
  t.notOk(new ApiKeySet([]).matches('anything'))
})
