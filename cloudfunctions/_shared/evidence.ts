/**
 * Evidence photos of a claim, checked by what they are, not by what the client says: each must lie in
 * the claimant's (or proxy's) own `evidence/<openid>/` folder, be a JPEG, PNG, WebP or HEIC image by
 * its bytes, and be at most 10 MB. Each photo's SHA-256 is taken so a photo used before is flagged.
 */
import { createHash } from 'node:crypto'
import { DomainError } from '../../src/core/errors'
import { detectImageKind, MAX_PHOTO_BYTES } from '../../src/core/image'
import { cloudApp } from './cloud'

export interface CheckedPhoto {
  fileID: string
  sha256: string
  bytes: number
}

/** The path of a fileID inside its bucket: `cloud://<env>.<bucket>/<path>` → `<path>`. */
export function pathOf(fileID: string): string | null {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID)
  if (!m || m[1].split('/').some((s) => s === '' || s === '.' || s === '..')) return null
  return m[1]
}

const invalid = (n: number, why: string) => new DomainError('CLAIM.EVIDENCE_INVALID', `第 ${n} 张照片${why}`)

export async function checkPhotos(photos: readonly string[], owners: readonly string[]): Promise<CheckedPhoto[]> {
  if (photos.length === 0) return []
  if (new Set(photos).size !== photos.length) throw new DomainError('CLAIM.EVIDENCE_INVALID', '同一张照片传了两次')
  photos.forEach((fileID, i) => {
    const path = pathOf(fileID)
    if (!path || !owners.some((o) => path.startsWith(`evidence/${o}/`))) throw invalid(i + 1, '不是您本人上传的')
  })
  const { fileList } = await cloudApp().getTempFileURL({ fileList: photos.map((fileID) => ({ fileID, maxAge: 300 })) })
  return Promise.all(
    photos.map(async (fileID, i) => {
      const found = fileList.find((f) => f.fileID === fileID)
      if (!found || found.code !== 'SUCCESS') throw invalid(i + 1, '找不到了，请重新上传')
      const res = await fetch(found.tempFileURL)
      if (!res.ok) throw invalid(i + 1, '读取失败，请重新上传')
      const declared = Number(res.headers.get('content-length'))
      if (declared > MAX_PHOTO_BYTES) throw invalid(i + 1, '超过 10MB')
      const bytes = new Uint8Array(await res.arrayBuffer())
      if (bytes.length > MAX_PHOTO_BYTES) throw invalid(i + 1, '超过 10MB')
      if (!detectImageKind(bytes)) throw invalid(i + 1, '不是照片（只收 JPG、PNG、WebP、HEIC）')
      return { fileID, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length }
    }),
  )
}
