/** Fixture builders for claims: photos uploaded the way the app uploads them, and claim inputs. */
import { randomUUID } from 'node:crypto'
import { encodePng } from '../../scripts/png'
import type { TestCloud } from './cloud'

/** A real PNG, different for each `seed`, so that each photo has its own bytes unless a test reuses one. */
export function photoBytes(seed: number): Buffer {
  const rgba = Buffer.alloc(4 * 4 * 4)
  for (let i = 0; i < 16; i++) rgba.set([(seed * 37 + i) % 256, (seed * 11) % 256, i * 13, 255], i * 4)
  return encodePng(4, 4, rgba)
}

/** Uploads through POST /upload as `openid`, into their own evidence folder unless `cloudPath` says otherwise. */
export async function upload(cloud: TestCloud, openid: string, bytes: Buffer, cloudPath = `evidence/${openid}/${randomUUID()}.png`): Promise<string> {
  const form = new FormData()
  form.append('cloudPath', cloudPath)
  form.append('file', new Blob([new Uint8Array(bytes)]), 'photo.png')
  const res = await fetch(`${cloud.url}/upload`, { method: 'POST', headers: { 'x-wx-openid': openid }, body: form })
  const body = (await res.json()) as { fileID?: string; code?: string }
  if (!body.fileID) throw new Error(`上传失败：${JSON.stringify(body)}`)
  return body.fileID
}

let seq = 0
/** A claim input with sensible defaults: an hour ago, in the courtyard, a fresh requestId. */
export function buildClaim(over: Record<string, unknown> = {}): Record<string, unknown> {
  seq++
  return {
    ruleId: 'rule-clean-yard',
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    place: '莲花新区1排3号院门口',
    description: '清扫院落和门前的落叶',
    photos: [],
    requestId: `req-${seq}-${randomUUID()}`,
    ...over,
  }
}
