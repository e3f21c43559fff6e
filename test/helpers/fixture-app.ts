/**
 * An app over a store holding some topics of the fixture feed, ingested through the product's
 * parsers, with the oracle's own reading of the same files to compare answers with.
 */
import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import { buildApp } from '../../src/api/app.js'
import type { FeedKind } from '../../src/feeds/observation.js'
import { ingestFile } from '../../src/ingest/file-ingest.js'
import { InlineWriter } from '../../src/ingest/inline-writer.js'
import type { Store } from '../../src/store/store.js'
import { expectedFromFeed, type ExpectedFeed } from './feed-oracle.js'
import { FIXTURE_FILES } from './store-check.js'
import { tempStore } from './temp-store.js'

export interface FixtureApp {
  app: FastifyInstance
  store: Store
  expected: ExpectedFeed
}

export async function fixtureApp (t: Test, topics: FeedKind[]): Promise<FixtureApp> {
  const files = Object.fromEntries(topics.map((topic) => [topic, FIXTURE_FILES[topic] as string]))
  const store = tempStore(t)
  for (const [topic, path] of Object.entries(files)) await ingestFile(new InlineWriter(store), topic, path)
  const app = await buildApp({ store, logger: false, defaultLimit: 100, maxLimit: 10_000 })
  t.teardown(() => app.close())

  return { app, store, expected: expectedFromFeed(files) }
}
