/** Builds the app over a fresh store for inject() tests; closed when the test ends. */
import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import { buildApp, type AppOptions } from '../../src/api/app.js'
import type { Store } from '../../src/store/store.js'
import { tempStore } from './temp-store.js'

export async function testApp (t: Test, fill?: (store: Store) => void,
  options: Partial<AppOptions> = {}): Promise<FastifyInstance> {
  const store = tempStore(t)
  fill?.(store)
  const app = await buildApp({
    store, logger: false, defaultLimit: 100, maxLimit: 1000, ...options
  })
  t.teardown(() => app.close())

  return app
}
