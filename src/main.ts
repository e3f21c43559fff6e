/** Entry point of the service: `npm start`. */
import { loadConfig, type Config } from './config.js'
import { createLogger, type Logger } from './logger.js'
import { startService, type RunningService } from './server.js'
import { startupFailure } from './startup-failure.js'

function readConfig (): Readonly<Config> {
  try {
    return loadConfig()
  } catch (err) {
    process.stderr.write(`dnsledger: ${(err as Error).message}\n`)
    process.exit(2)
  }
}

/** Closes the service, but never for longer than the shutdown timeout; then exits. */
function exitAfterClose (service: RunningService | undefined, config: Config, logger: Logger,
  code: number): void {
  const timer = setTimeout(() => {
    logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'stop timed out; exiting')
    process.exit(1)
  }, config.shutdownTimeoutMs)
  const closed = service === undefined ? Promise.resolve() : service.close()
  closed.then(() => process.exit(code), (err) => {
    logger.error({ err }, 'stop failed')
    process.exit(1)
  }).finally(() => clearTimeout(timer))
}

async function main (): Promise<void> {
  const config = readConfig()
  const logger = createLogger(config.logLevel)
  let service: RunningService | undefined
  const onFatal = (err: Error) => {
    process.stderr.write(`dnsledger: ${err.message}\n`)
    exitAfterClose(service, config, logger, 1)
  }

  try {
    service = await startService(config, logger, { onFatal })
  } catch (err) {
    // A known cause is one line that says what to change; only the unexpected keeps a stack.
    const known = startupFailure(err, config)
    if (known === undefined) logger.fatal({ err, code: 'INTERNAL' }, 'cannot start')
    else logger.fatal(known, 'cannot start')
    process.stderr.write(`dnsledger: ${known?.detail ?? (err as Error).message}\n`)
    process.exit(1)
  }
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping')
    exitAfterClose(service, config, logger, 0)
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

await main()
