/**
 * Helpers for the emulator tests: raw requests to the CloudBase endpoint (for what the SDK cannot
 * send, such as a limit over 1000 or malformed EJSON), error capture, and small fixtures.
 */
import { randomBytes } from 'node:crypto'
import { encodePng } from '../../scripts/png'
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

/** A valid PNG of `width`×`height` pixels of one colour. */
export function tinyPng(width = 2, height = 2, rgb: [number, number, number] = [200, 30, 30]): Buffer {
  const rgba = Buffer.alloc(width * height * 4)
  for (let i = 0; i < width * height; i++) rgba.set([...rgb, 255], i * 4)
  return encodePng(width, height, rgba)
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
