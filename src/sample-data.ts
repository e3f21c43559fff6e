/**
 * With no Kafka configured, dnsledger serves the real sample feed shipped in data/: it is
 * loaded once into an empty database, through the same writer and parsers as the live feed.
 */
import { readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { FEED_KINDS, type FeedKind } from './feeds/observation.js'
import { ingestFile } from './ingest/file-ingest.js'
import type { StoreWriter } from './ingest/store-writer.js'
import type { Logger } from './logger.js'

export async function loadSampleData (writer: StoreWriter, sampleDir: string, logger: Logger) {
  const files = readdirSync(sampleDir)
    .filter((file) => FEED_KINDS.includes(basename(file, '.txt') as FeedKind))
    .sort()
  let messages = 0
  for (const file of files) {
    const topic = basename(file, '.txt')
    const result = await ingestFile(writer, topic, join(sampleDir, file))
    messages += result.messages
    logger.info({ topic, ...result }, 'sample file loaded')
  }

  return { files: files.length, messages }
}
