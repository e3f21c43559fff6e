/** The writer thread's entry module (see writer-thread.ts and writer-loop.ts). */
import { parentPort, workerData } from 'node:worker_threads'
import { serveWrites } from './writer-loop.js'
import type { WriterSettings } from './writer-protocol.js'

if (parentPort === null) throw new Error('writer-worker.js runs as a worker thread only')
serveWrites(parentPort, workerData as WriterSettings)
