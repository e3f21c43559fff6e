/**
 * A store writer whose chunks are counted in the metrics once written, for writes that come by
 * another path than the Kafka consumer (which counts its own): the sample load at start-up.
 */
import type { ServiceMetrics } from '../metrics/service-metrics.js'
import type { StoreWriter } from './store-writer.js'

export function countedWriter (writer: StoreWriter, metrics: ServiceMetrics): StoreWriter {
  return {
    write: async (chunk) => {
      const written = await writer.write(chunk)
      metrics.countChunk(chunk.topic, written)

      return written
    },
    close: () => writer.close()
  }
}
