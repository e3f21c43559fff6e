/** The OpenAPI document as the routes declare it, built without a database file or socket. */
import { buildApp } from './api/app.js'
import { Store } from './store/store.js'

export async function openapiDocument (): Promise<unknown> {
  const store = Store.open(':memory:')
  const app = await buildApp({ store, logger: false })
  try {
    await app.ready()
    return app.swagger()
  } finally {
    await app.close()
    store.close()
  }
}

export function formatDocument (document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`
}
