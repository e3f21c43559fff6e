/**
 * Builds the kafkajs client from the validated settings, with kafkajs's own log lines routed
 * into our structured logger (the password never reaches them: kafkajs does not log it, and
 * the logger redacts it anyway).
 */
import { readFileSync } from 'node:fs'
import { Kafka, logLevel, type LogEntry, type SASLOptions } from 'kafkajs'
import type { KafkaConfig } from '../config.js'
import type { Logger } from '../logger.js'

function saslOptions (config: KafkaConfig): SASLOptions | undefined {
  if (config.sasl === undefined) return undefined
  const { mechanism, username, password } = config.sasl

  return { mechanism, username, password } as SASLOptions
}

function tlsOptions (config: KafkaConfig) {
  if (config.tls === undefined) return undefined
  const ca = config.tls.caFile === undefined ? undefined : [readFileSync(config.tls.caFile, 'utf8')]

  return { ca, rejectUnauthorized: config.tls.rejectUnauthorized }
}

function logCreator (logger: Logger) {
  return () => ({ namespace, level, log }: LogEntry) => {
    const { message, ...rest } = log
    const fields = { component: 'kafkajs', namespace, ...rest }
    if (level === logLevel.ERROR) logger.error(fields, message)
    else if (level === logLevel.WARN) logger.warn(fields, message)
    else if (level === logLevel.INFO) logger.info(fields, message)
    else logger.debug(fields, message)
  }
}

export function createKafka (config: KafkaConfig, logger: Logger): Kafka {
  return new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    sasl: saslOptions(config),
    ssl: tlsOptions(config),
    connectionTimeout: config.connectionTimeoutMs,
    logLevel: logLevel.WARN,
    logCreator: logCreator(logger)
  })
}
