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
  const write = store.write.bind(store)
  const inTransaction = store.db.transaction((batch) => {
    const result = write(batch)
    reach(workerData.hold, IN_TRANSACTION)
    return result
  })
  store.write = (batch) => {
    const result = inTransaction(batch)
    reach(workerData.hold, COMMITTED)
    return result
  }
}

serveWrites(parentPort, workerData, heldWrites)
