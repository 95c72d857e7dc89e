/**
 * Evidence photos, accepted by one rule wherever a write takes them (claims.submit and claims.resubmit,
 * governance.object): checked by what they are, not by what the client says. Each must lie in the claimant's (or
 * proxy's) own `evidence/<openid>/` folder, be a JPEG, PNG, WebP or HEIC image by its bytes, and be at most 10 MB.
 *
 * Evidence is immutable once referenced. A client may write its own evidence folder (in CloudBase it may even
 * overwrite its own files there), so a write pins each photo first: a server-side copy into `pinned/<kind>/<id>/…`,
 * a folder no client may write (the storage rule in scripts/plan.ts) and the functions never overwrite. What is checked
 * and hashed is the pinned copy, read back after copying, so the SHA-256 a claim keeps (the duplicate-photo check's
 * key) is that of exactly the bytes its reviewer is served and the platform's check is shown; nothing can change in
 * between. The record keeps the upload's fileID as the photo's name (the app and the platform's checks know it so) and
 * the pinned copy's beside it.
 *
 * Copies per record, not one per hash (`pinned/<sha256>`): CloudBase's copy cannot rename a file (the copy keeps the
 * upload's name), and deleting one person's data must not delete a copy that another person's claim still shows. A
 * record's copies are deleted with it and shared with no one; the same bytes in two claims are kept twice, which is
 * rare (it is what the duplicate check flags).
 */
import { createHash } from 'node:crypto'
import type { DuplicatePhoto } from '../../src/core/claim-input'
import { DomainError, type ErrorCode } from '../../src/core/errors'
import { detectImageKind, MAX_PHOTO_BYTES } from '../../src/core/image'
import { cloudApp, type Db } from './cloud'

export interface CheckedPhoto {
  fileID: string
  sha256: string
  bytes: number
}

export interface AcceptedPhoto {
  /** The upload, as the client named it: the photo's name on the record and in its platform check. */
  fileID: string
  /** The pinned copy: the bytes that are checked, hashed, shown to the platform's check and served. */
  pinned: string
  /** Of the pinned bytes. */
  sha256: string
  /** A link to the pinned copy, valid for a day: the platform fetches the photo it checks within 30 minutes. */
  url: string
}

export interface Accepted {
  photos: AcceptedPhoto[]
  /** Deletes the copies this acceptance made (see discardOnRefusal). */
  discard: () => Promise<void>
}

/** The longest cloud path the storage takes. */
const MAX_PATH = 512
const PINNED_URL_SECONDS = 86_400

/** The path of a fileID inside its bucket: `cloud://<env>.<bucket>/<path>` → `<path>`. */
export function pathOf(fileID: string): string | null {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID)
  if (!m || /[\\\0-\x1f]/.test(m[1]) || m[1].split('/').some((s) => s === '' || s === '.' || s === '..')) return null
  return m[1]
}

/** The folder a record's photos are pinned in. */
export const pinFolder = (kind: 'claims' | 'objections' | 'deductions' | 'voices', id: string) => `pinned/${kind}/${id}`

const invalid = (n: number, why: string) => new DomainError('CLAIM.EVIDENCE_INVALID', `第 ${n} 张照片${why}`)

/** Reads a photo through a temp link: at most 10 MB, and an image by its bytes. */
async function readPhoto(url: string, n: number): Promise<Uint8Array> {
  const res = await fetch(url)
  if (!res.ok) throw invalid(n, '读取失败，请重新上传')
  if (Number(res.headers.get('content-length')) > MAX_PHOTO_BYTES) throw invalid(n, '超过 10MB')
  const bytes = new Uint8Array(await res.arrayBuffer())
  if (bytes.length > MAX_PHOTO_BYTES) throw invalid(n, '超过 10MB')
  if (!detectImageKind(bytes)) throw invalid(n, '不是照片（只收 JPG、PNG、WebP、HEIC）')
  return bytes
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** Each photo's path, if it lies in one of the owners' evidence folders (a photo `held` already needs none); else the refusal. */
function ownPaths(photos: readonly string[], owners: readonly string[], held: (fileID: string) => boolean = () => false): (string | null)[] {
  if (new Set(photos).size !== photos.length) throw new DomainError('CLAIM.EVIDENCE_INVALID', '同一张照片传了两次')
  return photos.map((fileID, i) => {
    if (held(fileID)) return null
    const path = pathOf(fileID)
    if (!path || !owners.some((o) => path.startsWith(`evidence/${o}/`))) throw invalid(i + 1, '不是您本人上传的')
    return path
  })
}

/** Checks photos without pinning them (a record that nobody reviews photo by photo: a sanitation inspection). */
export async function checkPhotos(photos: readonly string[], owners: readonly string[]): Promise<CheckedPhoto[]> {
  if (photos.length === 0) return []
  ownPaths(photos, owners)
  const { fileList } = await cloudApp().getTempFileURL({ fileList: photos.map((fileID) => ({ fileID, maxAge: 300 })) })
  return Promise.all(
    photos.map(async (fileID, i) => {
      const found = fileList.find((f) => f.fileID === fileID)
      if (!found || found.code !== 'SUCCESS') throw invalid(i + 1, '找不到了，请重新上传')
      const bytes = await readPhoto(found.tempFileURL, i + 1)
      return { fileID, sha256: sha256(bytes), bytes: bytes.length }
    }),
  )
}

/**
 * Accepts the photos of a write: each in one of the `owners`' evidence folders, pinned into `pinTo`, and checked and
 * hashed there. A photo the record already holds (`kept`: one a resubmit keeps) keeps its pinned copy and hash as they
 * are. The same upload pinned again for the same record (a retried write) lands on the same path, where the copy is
 * not made again (`overwrite: false`); the copy already there is what is read. A refused photo deletes the copies made.
 */
export async function acceptEvidence(
  photos: readonly string[],
  options: { owners: readonly string[]; pinTo: string; kept?: readonly Pick<AcceptedPhoto, 'fileID' | 'pinned' | 'sha256'>[] },
): Promise<Accepted> {
  if (photos.length === 0) return { photos: [], discard: async () => {} }
  const kept = new Map((options.kept ?? []).map((k) => [k.fileID, k]))
  const paths = ownPaths(photos, options.owners, (fileID) => kept.has(fileID))
  const plan = photos.map((fileID, i) => {
    const held = kept.get(fileID)
    if (held) return { fileID, pinned: held.pinned, sha256: held.sha256 as string | undefined, copy: null }
    const src = paths[i] as string
    // Named by the upload's path (so a retry finds its copy), keeping the upload's file name (a copy cannot rename).
    const dst = `${options.pinTo}/${createHash('sha256').update(src).digest('hex').slice(0, 16)}/${src.slice(src.lastIndexOf('/') + 1)}`
    if (dst.length > MAX_PATH) throw invalid(i + 1, '的文件名太长，请重新上传')
    return { fileID, pinned: `${fileID.slice(0, fileID.length - src.length)}${dst}`, sha256: undefined, copy: { src, dst } }
  })

  const copies = plan.filter((p) => p.copy)
  let made: string[] = []
  if (copies.length) {
    try {
      const { fileList } = await cloudApp().copyFile({ fileList: copies.map((p) => ({ srcPath: p.copy!.src, dstPath: p.copy!.dst, overwrite: false })) })
      made = copies.filter((_, i) => fileList?.[i]?.code === 'SUCCESS').map((p) => p.pinned)
    } catch (e) {
      // Whether each copy is there is read next: a photo whose copy is missing is refused as not found.
      console.warn('[evidence] 复制照片失败：', (e as Error)?.message ?? e)
    }
  }
  const discard = async () => {
    if (made.length === 0) return
    await cloudApp()
      .deleteFile({ fileList: made })
      .catch((e: unknown) => console.warn('[evidence] 删除多余的照片副本失败：', (e as Error)?.message ?? e))
  }

  try {
    const { fileList } = await cloudApp().getTempFileURL({ fileList: plan.map((p) => ({ fileID: p.pinned, maxAge: PINNED_URL_SECONDS })) })
    const accepted = await Promise.all(
      plan.map(async (p, i): Promise<AcceptedPhoto> => {
        const found = fileList.find((f) => f.fileID === p.pinned)
        if (!found || found.code !== 'SUCCESS') throw invalid(i + 1, '找不到了，请重新上传')
        const hash = p.sha256 ?? sha256(await readPhoto(found.tempFileURL, i + 1))
        return { fileID: p.fileID, pinned: p.pinned, sha256: hash, url: found.tempFileURL }
      }),
    )
    return { photos: accepted, discard }
  } catch (e) {
    if (e instanceof DomainError) await discard()
    throw e
  }
}

/** Refusals after which another request may have written the record with these very copies: they stay. */
const KEEP_COPIES_ON: readonly ErrorCode[] = ['SYSTEM.BUSY', 'CLAIM.INVALID_TRANSITION']

/**
 * A write refused after its evidence was accepted (a risky text, the monthly cap) deletes the copies the acceptance
 * made, so no pinned photo is left that no record names (and a privacy deletion could not find). Rethrows `error`.
 */
export async function discardOnRefusal(accepting: Promise<Accepted>, error: unknown): Promise<never> {
  if (error instanceof DomainError && !KEEP_COPIES_ON.includes(error.code)) {
    const accepted = await accepting.catch(() => null)
    await accepted?.discard()
  }
  throw error
}

/** What `photoHashes` keeps of a photo's bytes: the claim that first used them, in one community. */
export interface FirstUse {
  /** `<communityId>:<SHA-256 of the photo's pinned bytes>`: a photo used in another community says nothing here. */
  _id: string
  claimId: string
  residentName: string
  at: string
}

export interface ClaimEvidence extends Accepted {
  /** Each photo's first use by another claim, when there was one: the duplicate notes. */
  duplicates: DuplicatePhoto[]
  /** Every first use found (this claim's own included), for rememberFirstUses. */
  uses: FirstUse[]
}

/**
 * A claim's evidence, one path for submit and resubmit: accepted and pinned (acceptEvidence) in the claim's own
 * folder, then matched by the pinned bytes' hashes against the photos other claims used first. A photo this claim
 * itself used first (one a resubmit keeps or brings back) is no duplicate.
 */
export async function acceptClaimEvidence(
  db: Db,
  photos: readonly string[],
  claim: { id: string; communityId: string; owners: readonly string[]; kept?: readonly Pick<AcceptedPhoto, 'fileID' | 'pinned' | 'sha256'>[] },
): Promise<ClaimEvidence> {
  const accepted = await acceptEvidence(photos, { owners: claim.owners, pinTo: pinFolder('claims', claim.id), kept: claim.kept })
  const keys = accepted.photos.map((p) => firstUseKey(claim.communityId, p.sha256))
  try {
    const _ = db.command
    const uses = keys.length ? ((await db.collection('photoHashes').where({ _id: _.in(keys) }).limit(100).get()).data as FirstUse[]) : []
    const duplicates = uses
      .filter((s) => s.claimId !== claim.id)
      .map((s) => ({ photo: accepted.photos[keys.indexOf(s._id)].fileID, claimId: s.claimId, residentName: s.residentName, at: s.at }))
    return { ...accepted, duplicates, uses }
  } catch (e) {
    await accepted.discard()
    throw e
  }
}

const firstUseKey = (communityId: string, sha256: string) => `${communityId}:${sha256}`

/**
 * Whether a claim of this community already used this photo, before anything is written (claims.checkPhoto): the
 * upload is checked as a write would check it (checkPhotos: in one of the `owners`' evidence folders, an image, at most
 * 10 MB) and its bytes hashed. The upload's bytes are those its pinned copy would have: the key is the same.
 */
export async function firstUseOf(db: Db, fileID: string, options: { owners: readonly string[]; communityId: string }): Promise<FirstUse | null> {
  const [photo] = await checkPhotos([fileID], options.owners)
  return ((await db.collection('photoHashes').doc(firstUseKey(options.communityId, photo.sha256)).get()).data as FirstUse[])[0] ?? null
}

/** After the claim is written: the first claim of its community to use a photo keeps it; later ones are flagged against it. */
export async function rememberFirstUses(db: Db, evidence: ClaimEvidence, claim: { id: string; communityId: string; residentName: string; at: string }): Promise<void> {
  await Promise.all(
    evidence.photos
      .map((p) => firstUseKey(claim.communityId, p.sha256))
      .filter((key) => !evidence.uses.some((s) => s._id === key))
      .map((key) => db.collection('photoHashes').doc(key).set({ claimId: claim.id, residentName: claim.residentName, at: claim.at })),
  )
}

/** The photos a record holds as kept-photo input for acceptEvidence (a record stored before pinning has none). */
export function heldPhotos(record: { photos: readonly string[]; pinned?: readonly string[]; photoHashes?: readonly string[] }): Pick<AcceptedPhoto, 'fileID' | 'pinned' | 'sha256'>[] {
  if (!record.pinned || !record.photoHashes) return []
  return record.photos.map((fileID, i) => ({ fileID, pinned: record.pinned![i], sha256: record.photoHashes![i] })).filter((p) => p.pinned && p.sha256)
}

/** The files a record's photos are served from: the pinned copies (a record stored before pinning: the uploads). */
export const servedPhotos = (record: { photos: readonly string[]; pinned?: readonly string[] }): readonly string[] => record.pinned ?? record.photos

/** Links to `files` (pinned copies) that a viewer may open for half an hour, by fileID; 50 to a request, as CloudBase takes them. */
export async function viewableLinks(files: readonly string[]): Promise<Map<string, string>> {
  const links = new Map<string, string>()
  for (let i = 0; i < files.length; i += 50) {
    const { fileList } = await cloudApp().getTempFileURL({ fileList: files.slice(i, i + 50).map((fileID) => ({ fileID, maxAge: 1800 })) })
    for (const f of fileList as { fileID: string; tempFileURL?: string }[]) if (f.tempFileURL) links.set(f.fileID, f.tempFileURL)
  }
  return links
}
