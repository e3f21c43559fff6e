/**
 * The database's size on disk, read with two stat calls at scrape time: the main file and
 * its write-ahead log (which grows between checkpoints and is part of what the disk holds).
 */
import { statSync } from 'node:fs'

export interface DatabaseSize {
  main: number
  wal: number
}

function sizeOf (path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

export function databaseSize (path: string): DatabaseSize {
  return { main: sizeOf(path), wal: sizeOf(`${path}-wal`) }
}
