/**
 * The checkpoint thread's entry module, started by the writer thread (writer-loop.ts). Every
 * interval it copies what the write-ahead log holds into the database file, with a connection
 * of its own. A checkpoint waits on the disk twice (the log, then the database, each synced);
 * done by the writer, each wait stopped ingest, while here the writer goes on appending to the
 * log (a PASSIVE checkpoint never blocks a writer). The writer keeps its automatic checkpoint
 * (store.ts), which then finds most of the log copied: it copies the rest, and only a fully
 * copied log lets the next transaction start the log again from its beginning.
 */
import Database from 'better-sqlite3'
import { parentPort, workerData } from 'node:worker_threads'

export interface CheckpointSettings {
  path: string
  intervalMs: number
}

function run (settings: CheckpointSettings): void {
  const db = new Database(settings.path, { fileMustExist: true })
  db.pragma('busy_timeout = 1000')
  const timer = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)')
    } catch {
      // A busy or failing database is the writer's to report: its own writes fail too.
    }
  }, settings.intervalMs)
  parentPort?.once('message', () => {
    clearInterval(timer)
    db.close()
    parentPort?.close()
  })
}

if (parentPort === null) throw new Error('checkpoint-worker.js runs as a worker thread only')
run(workerData as CheckpointSettings)
