/**
 * Photo check results (mediaCheckAsync). A write records each photo's trace id in `contentChecks` once it is stored;
 * WeChat pushes the result later (`wxa_media_check`, received by jobs). A risky photo takes its claim out of review
 * (back to the claimant, with the reason) or sets its objection aside, and the person is told.
 * The two may meet in either order: a result that arrives before its record is kept as `early`, and the write that
 * then finds it applies it. Each result is applied once: the same push twice changes nothing.
 */
import { CLAIMS, nextStatus, stepOf } from '../../src/core/claims'
import { allows } from '../../src/core/lifecycle'
import { OBJECTIONS, nextObjectionStatus } from '../../src/core/objections'
import { type PhotoCheckStatus, RISKY_OBJECTION_NOTE, RISKY_PHOTO_REASON } from '../../src/core/screening'
import type { HistoryItem } from '../../src/core/claim-input'
import { notifyDecision } from '../claims/notify'
import { type ClaimRecord, countedThisMonth, setCounted } from '../claims/records'
import type { ObjectionRecord } from '../governance/objections'
import { type Db, transaction } from './cloud'
import { enqueue, send } from './outbox'
import type { Screened } from './screening'

export interface CheckTarget {
  type: 'claim' | 'objection' | 'voice'
  id: string
}

export interface ContentCheckRecord {
  /** The platform's trace id. */
  _id: string
  target?: CheckTarget
  fileID?: string
  openid?: string
  /** `early`: the result came before the write recorded what it is about. */
  status: PhotoCheckStatus | 'early'
  /** An early result, until the write claims it. */
  result?: Exclude<PhotoCheckStatus, 'checking'>
  label?: number
  createdAt: string
  resultAt?: string
}

const SYSTEM = { by: 'system', byName: '平台安全检查' }

/** Reads the checks of one claim or objection (at most a few per photo). */
export async function checksOf(db: Db, targetIds: string[]): Promise<ContentCheckRecord[]> {
  if (targetIds.length === 0) return []
  const _ = db.command
  return (await db.collection('contentChecks').where({ 'target.id': targetIds.length === 1 ? targetIds[0] : _.in(targetIds) }).limit(1000).get()).data as ContentCheckRecord[]
}

/** After the write: what each trace id is about. A result that already arrived is applied now. */
export async function recordPhotoChecks(db: Db, target: CheckTarget, openid: string, screened: Screened, now: Date): Promise<void> {
  const createdAt = now.toISOString()
  await Promise.all(
    screened.photos
      .filter((p): p is { fileID: string; traceId: string } => !!p.traceId)
      .map(async ({ fileID, traceId }) => {
        try {
          await db.collection('contentChecks').add({ _id: traceId, target, fileID, openid, status: 'checking', createdAt })
        } catch (e) {
          // Taken already: the result came first (or this is a retry that recorded it before).
          const early = ((await db.collection('contentChecks').doc(traceId).get()).data as ContentCheckRecord[])[0]
          if (!early) throw e
          if (early.status !== 'early' || !early.result) return
          await db
            .collection('contentChecks')
            .where({ _id: traceId, status: 'early' })
            .update({ target, fileID, openid, status: early.result, createdAt })
          if (early.result === 'risky') await takeOutOfReview(db, target, fileID, now)
        }
      }),
  )
}

/**
 * A result pushed by the platform. Answers what became of it: `applied` (recorded; a risky photo's claim or objection
 * taken out of review), `early` (kept for the write to apply), `already` (a push seen before: nothing changes).
 */
export async function settleMediaCheck(db: Db, traceId: string, suggest: Exclude<PhotoCheckStatus, 'checking'>, label: number | undefined, now: Date): Promise<'applied' | 'early' | 'already'> {
  const resultAt = now.toISOString()
  let check = ((await db.collection('contentChecks').doc(traceId).get()).data as ContentCheckRecord[])[0]
  if (!check) {
    try {
      await db.collection('contentChecks').add({ _id: traceId, status: 'early', result: suggest, ...(label === undefined ? {} : { label }), createdAt: resultAt, resultAt })
      return 'early'
    } catch (e) {
      // The write recorded it meanwhile.
      check = ((await db.collection('contentChecks').doc(traceId).get()).data as ContentCheckRecord[])[0]
      if (!check) throw e
    }
  }
  let status = check.status
  let applied = false
  if (status === 'checking') {
    // The result first: from here on the photo is never shown to a reviewer, whatever happens next.
    const { updated } = (await db
      .collection('contentChecks')
      .where({ _id: traceId, status: 'checking' })
      .update({ status: suggest, ...(label === undefined ? {} : { label }), resultAt })) as { updated?: number }
    applied = !!updated
    if (applied) status = suggest
  }
  // Then out of review, which does nothing if done already: a push repeated after a failure in between finishes it.
  if (status === 'risky' && check.target && check.fileID) await takeOutOfReview(db, check.target, check.fileID, now)
  return applied ? 'applied' : 'already'
}

/**
 * A risky photo's claim goes back to the claimant; its objection is set aside (only while it waits for review, once);
 * a 说事 post's photo is never served again.
 */
async function takeOutOfReview(db: Db, target: CheckTarget, fileID: string, now: Date): Promise<void> {
  if (target.type === 'claim') await returnClaim(db, target.id, fileID, now)
  else if (target.type === 'voice') await hideVoicePhoto(db, target.id, fileID)
  else await setAsideObjection(db, target.id, fileID, now)
}

/** Hides a post's (or one of its steps') risky photo: its pinned copy is left out of everything served. */
async function hideVoicePhoto(db: Db, postId: string, fileID: string): Promise<void> {
  await transaction(db, async (tx) => {
    const post = ((await tx.collection('voices').doc(postId).get()).data ?? null) as { photos: string[]; pinned: string[]; hidden?: string[]; history: { pinned?: string[] }[] } | null
    if (!post) return
    // The upload's pinned copy: the post's own photos pair up by index; a step's are named after the upload's file.
    const index = post.photos.indexOf(fileID)
    const name = fileID.slice(fileID.lastIndexOf('/') + 1)
    const pinned = index >= 0 ? [post.pinned[index]] : post.history.flatMap((h) => h.pinned ?? []).filter((p) => p.endsWith(`/${name}`))
    const hidden = [...new Set([...(post.hidden ?? []), ...pinned.filter(Boolean)])]
    if (hidden.length !== (post.hidden ?? []).length) await tx.collection('voices').doc(postId).update({ hidden })
  })
}

async function returnClaim(db: Db, claimId: string, fileID: string, now: Date): Promise<void> {
  const at = now.toISOString()
  const claim = await transaction(db, async (tx) => {
    const current = ((await tx.collection('claims').doc(claimId).get()).data ?? null) as ClaimRecord | null
    // Decided, withdrawn, already returned, or the photo was replaced meanwhile: nothing to take back.
    if (!current || !current.photos.includes(fileID) || !allows(CLAIMS, current.status, 'return')) return null
    const status = nextStatus(current.status, 'return')
    if (current.counted) await setCounted(tx, current, (await countedThisMonth(tx, current)) - 1)
    const item: HistoryItem = { at, ...SYSTEM, step: 'system', decision: 'return', reason: RISKY_PHOTO_REASON }
    const changes = { status, step: stepOf(status), counted: false, updatedAt: at, history: [...current.history, item] }
    await tx.collection('claims').doc(current._id).update(changes)
    return { ...current, ...changes } as ClaimRecord
  })
  if (claim) await notifyDecision(db, claim, RISKY_PHOTO_REASON)
}

async function setAsideObjection(db: Db, objectionId: string, fileID: string, now: Date): Promise<void> {
  const at = now.toISOString()
  const objection = await transaction(db, async (tx) => {
    const current = ((await tx.collection('objections').doc(objectionId).get()).data ?? null) as ObjectionRecord | null
    // Only one still open (the objection table): one the admin resolved meanwhile stays as resolved.
    if (!current || !allows(OBJECTIONS, current.status, 'setAside') || !current.photos.includes(fileID)) return null
    const changes = { status: nextObjectionStatus(current.status, 'setAside'), note: RISKY_OBJECTION_NOTE, resolvedBy: SYSTEM.by, resolvedAt: at }
    await tx.collection('objections').doc(current._id).update(changes)
    return { ...current, ...changes }
  })
  if (!objection) return
  const ids = await enqueue(
    db,
    [
      {
        to: objection.objector,
        kind: 'objection_resolved',
        title: `${objection.entry.item}：异议未受理`,
        body: RISKY_OBJECTION_NOTE,
        page: 'pages-governance/my-objections/index',
        fields: { item: objection.entry.item, result: '未受理', note: RISKY_OBJECTION_NOTE },
      },
    ],
    now,
  )
  await send(db, ids)
}
