/**
 * Helpers for the emulator tests: raw requests to the CloudBase endpoint (for what the SDK cannot
 * send, such as a limit over 1000 or malformed EJSON), error capture, and small fixtures.
 */
import { randomBytes } from 'node:crypto'
import { deflateSync } from 'node:zlib'
import type { App, TestCloud } from './cloud'

export type Db = ReturnType<App['database']>

/** POSTs a raw body to `/admin` as the SDK would (HTTP 200, JSON answer) and returns the parsed answer. */
export async function rawAdmin(url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/admin?env=local`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  expect(res.status).toBe(200)
  return (await res.json()) as Record<string, unknown>
}

/** Awaits a promise that must reject and returns the error, so its `code` can be checked exactly. */
export async function rejection(promise: Promise<unknown>): Promise<{ code?: unknown; message?: string }> {
  try {
    await promise
  } catch (e) {
    return e as { code?: unknown; message?: string }
  }
  throw new Error('expected the call to be refused, but it succeeded')
}

/** A collection name no other test uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`
}

/** Creates fresh collections through the SDK (`database.addCollection`) and returns their names. */
export async function createCollections(db: Db, ...prefixes: string[]): Promise<string[]> {
  const names = prefixes.map(uniqueName)
  for (const name of names) await db.createCollection(name)
  return names
}

/** Counts the `/admin` actions a block of code causes, as the emulator's `/_emulator/stats` sees them. */
export async function statsDelta(cloud: TestCloud, run: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = await cloud.stats()
  await run()
  const after = await cloud.stats()
  const delta: Record<string, number> = {}
  for (const [action, n] of Object.entries(after)) {
    const d = n - (before[action] ?? 0)
    if (d !== 0) delta[action] = d
  }
  return delta
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

function crc32(buf: Buffer): number {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/** A valid PNG of `width`×`height` pixels of one colour. */
export function tinyPng(width = 2, height = 2, rgb: [number, number, number] = [200, 30, 30]): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // colour type: RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())])
  const raw = Buffer.concat(Array.from({ length: height }, () => row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
