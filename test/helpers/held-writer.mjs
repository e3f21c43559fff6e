// A writer thread entry for tests: the product's serveWrites (built, from dist/: npm test
// builds first), with the store's write wrapped so that the thread calls reach() inside the
// transaction (rows written, not committed) and after the commit (not answered yet), and with
// pragmas run on the thread's own connection. Plain JavaScript, so that the thread starts
// without the test runner's TypeScript loader (which takes seconds per thread).
import { parentPort, workerData } from 'node:worker_threads'
import { serveWrites } from '../../dist/src/ingest/writer-loop.js'
import { COMMITTED, IN_TRANSACTION, reach } from './hold-state.mjs'

function heldWrites (store) {
  for (const pragma of workerData.pragmas) store.db.pragma(pragma)
  const writeAll = store.writeAll.bind(store)
  const inTransaction = store.db.transaction((batches) => {
    const results = writeAll(batches)
    reach(workerData.hold, IN_TRANSACTION)
    return results
  })
  store.writeAll = (batches) => {
    const results = inTransaction(batches)
    reach(workerData.hold, COMMITTED)
    return results
  }
}

serveWrites(parentPort, workerData, heldWrites)
