/**
 * How names are keyed in the names table: labels reversed, each closed by a dot
 * (`www.example.com.` → `com.example.www.`, the root → ``). Every name at or under example.com
 * then sorts in ['com.example.', 'com.example/'), one range of the unique index, since `/`
 * follows `.`; every name at all sorts under the root's ['', '\x7f'), names being ASCII.
 */
import { reverseName } from '../feeds/dns-name.js'

const ROOT = '.'

export function nameKey (name: string): string {
  return name === ROOT ? '' : `${reverseName(name.slice(0, -1))}.`
}

export function nameFromKey (key: string): string {
  return key === '' ? ROOT : `${reverseName(key.slice(0, -1))}.`
}

/** [low, high): low is the key of the name itself, high the first key past its subtree. */
export function suffixRange (name: string): [string, string] {
  const low = nameKey(name)

  return [low, low === '' ? '\x7f' : `${low.slice(0, -1)}/`]
}

/**
 * The key range of a name lookup. Keys are ASCII, so key + NUL is the first key after it:
 * the name alone is [key, key + NUL), its subtree [key, subtree end), what lies under it
 * (key + NUL, subtree end).
 */
export function nameRange (name: string, subdomains?: 'include' | 'only'): [string, string] {
  const key = nameKey(name)
  if (subdomains === undefined) return [key, `${key}\u0000`]
  const [, high] = suffixRange(name)

  return [subdomains === 'include' ? key : `${key}\u0000`, high]
}
