#!/usr/bin/env node
// Rebuilds data/sample/ from the full feed fixtures in test/fixtures/feeds/: the first lines of
// each topic plus every line about a few names the README's examples use, so the sample is
// small but the examples answer. Run by hand when the fixtures change; nothing runs it at start.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

const FROM = 'test/fixtures/feeds'
const TO = 'data/sample'
const FIRST_LINES = 1_200
const DEMO = /walmart|apple\.com|nic\.gov|dotgov\.gov|corpmailsvcs|root-servers|^\d+\|\.\||"Name":"\."/

const topics = {
  spamhaus_new_domains: Infinity,
  spamhaus_pdns_cname: FIRST_LINES,
  spamhaus_pdns_ipv4: FIRST_LINES,
  spamhaus_pdns_ipv6: FIRST_LINES,
  spamhaus_pdns_mx: Infinity,
  spamhaus_pdns_ns: FIRST_LINES,
  spamhaus_pdns_txt: Infinity,
  spamhaus_pdns_soa: 300
}

mkdirSync(TO, { recursive: true })
for (const [topic, first] of Object.entries(topics)) {
  const lines = readFileSync(join(FROM, `${topic}.txt`), 'utf8').split('\n').filter(Boolean)
  const kept = lines.filter((line, i) => i < first || DEMO.test(line))
  writeFileSync(join(TO, `${topic}.txt`), kept.join('\n') + '\n')
  console.log(`${topic}: ${kept.length} of ${lines.length} lines`)
}
