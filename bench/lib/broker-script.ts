/**
 * A real Kafka 4 broker on 127.0.0.1 through scripts/kafka/broker.sh (start, produce, stop).
 * test/helpers/kafka-broker.ts does the same for tests, but it finds broker.sh relative to its
 * own source file, which is wrong once compiled into dist/, so the benchmark calls the script.
 * broker.sh's watchdog stops the broker if this process dies without stopping it.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const SCRIPT = new URL('../../../scripts/kafka/broker.sh', import.meta.url).pathname

export interface Broker {
  brokers: string[]
  username: string
  password: string
  mechanism: 'scram-sha-256'
  dir: string
  produceFile: (topic: string, path: string) => Promise<void>
  stop: () => Promise<void>
}

function readEnvFile (dir: string): Record<string, string> {
  const values: Record<string, string> = {}
  for (const line of readFileSync(join(dir, 'broker.env'), 'utf8').split('\n')) {
    const match = /^(\w+)=(.*)$/.exec(line)
    // %q quoting only matters for characters our names and passwords do not have.
    if (match !== null) values[match[1] as string] = (match[2] as string).replace(/^'|'$/g, '')
  }

  return values
}

export async function startBrokerScript (dir: string, topics: string[],
  partitions: number): Promise<Broker> {
  const env = {
    ...process.env,
    DNSLEDGER_KAFKA_DIR: dir,
    DNSLEDGER_KAFKA_TOPICS: topics.join(' '),
    DNSLEDGER_KAFKA_PARTITIONS: String(partitions),
    DNSLEDGER_KAFKA_PARENT_PID: String(process.pid),
    DNSLEDGER_KAFKA_PRODUCER: 'kcat'
  }
  const { stdout } = await run('bash', [SCRIPT, 'start', '--dir', dir], { env, maxBuffer: 1 << 24 })
  const bootstrap = stdout.trim().split('\n').pop() ?? ''
  if (!/^127\.0\.0\.1:\d+$/.test(bootstrap)) throw new Error(`broker.sh start printed ${stdout}`)
  const values = readEnvFile(dir)
  let stopping: Promise<void> | undefined

  return {
    brokers: [bootstrap],
    username: values.DNSLEDGER_KAFKA_USER ?? 'dnsledger',
    password: values.DNSLEDGER_KAFKA_PASSWORD ?? 'dnsledger-secret',
    mechanism: 'scram-sha-256',
    dir,
    produceFile: async (topic, path) => {
      await run('bash', [SCRIPT, 'produce', '--dir', dir, topic, path], { env })
    },
    stop: () => {
      stopping ??= run('bash', [SCRIPT, 'stop', '--dir', dir], { env }).then(() => {})
      return stopping
    }
  }
}
