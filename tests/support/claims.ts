/** Fixture builders for claims: photos uploaded the way the app uploads them, and claim inputs. */
import { randomUUID } from 'node:crypto'
import { encodePng } from '../../scripts/png'
import { ok, type TestCloud } from './cloud'

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

export interface SubmittedClaim {
  id: string
  status: string
  duplicates: unknown[]
}

/** `openid` files a claim (buildClaim, then `over`) with one photo, photoBytes(`photoSeed`), uploaded as the app uploads it. */
export async function submitClaimWithPhoto(cloud: TestCloud, openid: string, photoSeed: number, over: Record<string, unknown> = {}): Promise<SubmittedClaim> {
  const photo = await upload(cloud, openid, photoBytes(photoSeed))
  return (await ok(cloud.api<{ claim: SubmittedClaim }>('claims', 'submit', buildClaim({ photos: [photo], ...over }), openid), '申报')).claim
}

/** A claim's status, as the office reads it. */
export async function claimStatus(cloud: TestCloud, claimId: string): Promise<string> {
  return (await ok(cloud.api('claims', 'get', { claimId }, 'demo-admin'))).claim.status
}
