import t from 'tap'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ApiKeySet } from '../../src/api/api-key-set.js'
import { loadConfig } from '../../src/config.js'
import { tempDir } from '../helpers/temp-store.js'

t.test('API_KEYS and API_KEYS_FILE together; no keys by default', async (t) => {
  t.same(loadConfig({}).apiKeys, [])
  const file = join(tempDir(t), 'keys')
  writeFileSync(file, '# operators\nfile-key-0123456789abc\n\n  second-file-key-01234  \n')
  const keys = loadConfig({ API_KEYS: 'env-key-0123456789abc, other-env-key-012345',
    API_KEYS_FILE: file }).apiKeys
  t.same(keys, ['env-key-0123456789abc', 'other-env-key-012345', 'file-key-0123456789abc',
    'second-file-key-01234'])
})

t.test('a short or spaced key, or an unreadable file, stops the service with a message',
  async (t) => {
    t.throws(() => loadConfig({ API_KEYS: 'short' }),
      { code: 'CONFIG_INVALID', message: /API_KEYS=.*at least 16 characters/ })
    t.throws(() => loadConfig({ API_KEYS: 'has space in it 0123456' }),
      { code: 'CONFIG_INVALID' })
    t.throws(() => loadConfig({ API_KEYS_FILE: '/nonexistent/keys' }).apiKeys,
      { message: /API_KEYS_FILE.*readable/ })
    t.notMatch(String((() => { try { loadConfig({ API_KEYS: 'secret' }).apiKeys } catch (e) {
      return (e as Error).message
    } })()), /secret/, 'the key is not repeated in the message')
  })

t.test('ApiKeySet matches any configured key and nothing else', async (t) => {
  const keys = new ApiKeySet(['first-key-0123456789', 'second-key-0123456789'])
  t.ok(keys.required)
  t.ok(keys.matches('second-key-0123456789'))
  t.ok(keys.matches(undefined, 'nope', 'first-key-0123456789'))
  t.notOk(keys.matches('first-key-012345678'))
  t.notOk(keys.matches('', undefined))
  t.notOk(new ApiKeySet([]).required)
  t.notOk(new ApiKeySet([]).matches('anything'))
})
