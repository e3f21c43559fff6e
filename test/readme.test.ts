/** The README states what the repository holds: settings it quotes, sections it links to. */
import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..')
const README = readFileSync(join(ROOT, 'README.md'), 'utf8')

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes. */
function anchorOf (heading: string): string {
  return heading.toLowerCase().replace(/[^\w\- ]/g, '').replaceAll(' ', '-')
}

t.test('every .npmrc setting is quoted in the README as the file writes it', async (t) => {
  const settings = readFileSync(join(ROOT, '.npmrc'), 'utf8').split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith(';'))
  t.ok(settings.length > 0)
  for (const setting of settings) t.ok(README.includes(`\`${setting}\``), setting)
})

t.test('every link to a section of the README names a heading it has', async (t) => {
  const anchors = new Set([...README.matchAll(/^#{1,6} (.+)$/gm)]
    .map((match) => anchorOf(match[1] as string)))
  const links = [...README.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1] as string)
  t.ok(links.length > 0)
  for (const link of links) t.ok(anchors.has(link), `#${link}`)
})
