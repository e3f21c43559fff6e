/**
 * The lookup baseline: a bare Fastify 5 route that answers every GET with one fixed page of
 * records shaped like dnsledger's (no store, no validation, no logging). Run as a child process
 * by the benchmark, on 127.0.0.1 and the PORT it is given.
 */
import Fastify from 'fastify'

const RECORDS = Number(process.env.BARE_RECORDS ?? 10)

function fixedPage () {
  const records = Array.from({ length: RECORDS }, (_, i) => ({
    rrname: `host-${i}.example.com.`,
    rrtype: 'A',
    rdata: `192.0.2.${i + 1}`,
    first_seen: 1_700_000_000 + i,
    last_seen: 1_700_086_400 + i,
    first_seen_iso: '2023-11-14T22:13:20Z',
    last_seen_iso: '2023-11-15T22:13:20Z',
    count: 10 + i
  }))

  return {
    query: { name: 'example.com.' }, records, truncated: false, next_cursor: null, limit: RECORDS
  }
}

const app = Fastify({ logger: false })
const page = fixedPage()
app.get('/health', async () => ({ status: 'ok' }))
app.get('/bare/:name', async () => page)
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) })
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => { app.close().then(() => process.exit(0), () => process.exit(1)) })
}
