import t from 'tap'
import {
  CURSOR_TTL_MS, CursorRegistry, MAX_CURSORS
} from '../../src/api/circl/cursor-registry.js'

t.test('a number maps back to its cursor, for its own scope only', async (t) => {
  const registry = new CursorRegistry()
  const id = registry.issue('name\u0000a.example.\u0000', 'keyset-1')
  t.ok(Number.isSafeInteger(id) && id > 0)
  t.equal(registry.redeem('name\u0000a.example.\u0000', id), 'keyset-1')
  t.throws(() => registry.redeem('name\u0000b.example.\u0000', id), { code: 'INVALID_CURSOR' })
  t.throws(() => registry.redeem('name\u0000a.example.\u0000', id + 1), { code: 'INVALID_CURSOR' })
})

t.test('numbers are forgotten after the TTL (a clock given, no waiting)', async (t) => {
  let now = 1_000_000
  const registry = new CursorRegistry(() => now)
  const id = registry.issue('s', 'c')
  now += CURSOR_TTL_MS - 1
  t.equal(registry.redeem('s', id), 'c')
  now += 1
  t.throws(() => registry.redeem('s', id), { code: 'INVALID_CURSOR' })
  registry.issue('s', 'd')
  t.equal(registry.size, 1, 'expired entries are dropped when the next one is issued')
})

t.test('the registry holds at most MAX_CURSORS, dropping the oldest', async (t) => {
  const registry = new CursorRegistry(() => 0)
  const first = registry.issue('s', 'first')
  for (let i = 0; i < MAX_CURSORS; i++) registry.issue('s', `c${i}`)
  t.equal(registry.size, MAX_CURSORS)
  t.throws(() => registry.redeem('s', first), { code: 'INVALID_CURSOR' })
})
