import { formatIPv4 } from './ipv4-address.js'
import { formatIPv6 } from './ipv6-text.js'

/**
 * Addresses as network-order bytes (4 or 16) for the store: byte-wise comparison of such
 * buffers (SQLite compares BLOBs with memcmp) orders addresses numerically, so a CIDR range
 * is a BETWEEN on them.
 */
export function ipv4Bytes (value: number): Buffer {
  const bytes = Buffer.allocUnsafe(4)
  bytes.writeUInt32BE(value >>> 0, 0)
  return bytes
}

export function ipv6Bytes (groups: readonly number[]): Buffer {
  const bytes = Buffer.allocUnsafe(16)
  for (let i = 0; i < 8; i++) bytes.writeUInt16BE(groups[i]!, i * 2)

  return bytes
}

/** Canonical text of 4 or 16 address bytes; any other length is a caller bug (RangeError). */
export function bytesToIp (bytes: Uint8Array): string {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.length === 4) return formatIPv4(view.readUInt32BE(0))

  if (view.length !== 16) throw new RangeError(`an IP address is 4 or 16 bytes, not ${view.length}`)

  const groups: number[] = []
  for (let i = 0; i < 16; i += 2) groups.push(view.readUInt16BE(i))
  return formatIPv6(groups)
}
