/** What the figures were measured on: they mean little without it. */
import { readFileSync } from 'node:fs'
import { availableParallelism, loadavg, totalmem } from 'node:os'

export interface Machine {
  date: string
  cpus: number
  cpuModel: string
  ramGiB: number
  node: string
  loadAverage: number[]
}

export function describeMachine (): Machine {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8')

  return {
    date: new Date().toISOString(),
    cpus: availableParallelism(),
    cpuModel: /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1]?.trim() ?? 'unknown',
    ramGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: loadavg().map((l) => +l.toFixed(2))
  }
}
