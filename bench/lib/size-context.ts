/**
 * What every measurement at one store size shares: the run's tools and the base store, the
 * topic prefixes of the size's two windows, and producing a window to its topics.
 */
import type { ObservationGenerator } from '../gen/generator.js'
import { windowMessages, type WindowSpec } from '../gen/window.js'
import type { Served } from './child-process.js'
import { produceWindow, writeWindowFiles, type TestBroker } from './feed-broker.js'
import type { LookupKind } from './lookup-targets.js'
import type { Report } from './report.js'
import { sizeLabel, type BenchSettings } from './settings.js'

export interface SizeContext {
  settings: BenchSettings
  gen: ObservationGenerator
  report: Report
  broker: TestBroker
  bare: Served
  workDir: string
  /** The store holding observations [0, size), left unchanged. */
  base: string
  /** Startup on an empty store, the baseline for startup times. */
  emptyStartupMs: number
}

export type LookupPaths = Map<LookupKind, string[]>

export function windowPrefixes (size: number): { ingest: string, during: string } {
  const label = sizeLabel(size).toLowerCase()
  return { ingest: `bench-${label}-i.`, during: `bench-${label}-d.` }
}

/** Produces a window to its topics; returns the message count per topic. */
export async function produce (ctx: SizeContext, spec: WindowSpec, prefix: string) {
  const counts = await writeWindowFiles(windowMessages(ctx.gen, spec), ctx.workDir, prefix)
  await produceWindow(ctx.broker, ctx.workDir, prefix, counts)

  return counts
}

