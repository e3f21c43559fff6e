/** Entry point of the service: `npm start`. */
import { loadConfig } from './config.js'
import { isDnsledgerError } from './errors.js'
import { createLogger } from './logger.js'
import { startService } from './server.js'

async function main (): Promise<void> {
  let config
  try {
    config = loadConfig()
  } catch (err) {
    process.stderr.write(`dnsledger: ${(err as Error).message}\n`)
    process.exit(2)
  }
  const logger = createLogger(config.logLevel)

  try {
    const service = await startService(config, logger)
    const stop = (signal: string) => {
      logger.info({ signal }, 'stopping')
      service.close().then(() => process.exit(0), (err) => {
        logger.error({ err }, 'stop failed')
        process.exit(1)
      })
    }
    process.once('SIGTERM', stop)
    process.once('SIGINT', stop)
  } catch (err) {
    const code = isDnsledgerError(err) ? err.code : 'INTERNAL'
    logger.fatal({ err, code }, 'cannot start')
    process.stderr.write(`dnsledger: ${(err as Error).message}\n`)
    process.exit(1)
  }
}

await main()
