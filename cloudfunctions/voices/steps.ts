/** How a 说事 post moves: one step per transaction, asked of its table; a step's photos and words checked first. */
import { nextVoiceStatus, type VoiceStatus, isClosed, isPublic } from '../../src/core/voices'
import { transaction } from '../_shared/cloud'
import { acceptEvidence, discardOnRefusal, pinFolder } from '../_shared/evidence'
import type { MemberCtx } from '../_shared/handler'
import { recordPhotoChecks } from '../_shared/media-results'
import { admit, screen } from '../_shared/screening'
import type { VoiceHistoryItem, VoiceRecord } from './records'

/**
 * Moves a post inside a transaction: re-reads it, asks the table for the next status, writes it with the step (and
 * whatever `more` adds: a credit, a release), and answers the record as written. One step per call.
 */
export async function step(
  ctx: MemberCtx,
  seen: VoiceRecord,
  event: Parameters<typeof nextVoiceStatus>[2],
  item: Omit<VoiceHistoryItem, 'at' | 'step'>,
  more: (tx: Parameters<Parameters<typeof transaction>[1]>[0], current: VoiceRecord, status: VoiceStatus) => Promise<Partial<VoiceRecord> | void> = async () => {},
): Promise<VoiceRecord> {
  const at = ctx.now().toISOString()
  return transaction(ctx.db, async (tx) => {
    const current = ((await tx.collection('voices').doc(seen._id).get()).data ?? null) as VoiceRecord | null
    const status = nextVoiceStatus(seen.kind, current?.status, event)
    const extra = (await more(tx, current!, status)) ?? {}
    const changes: Partial<VoiceRecord> = {
      status,
      visible: isPublic(seen.kind, status),
      updatedAt: at,
      ...(isClosed(seen.kind, status) ? { closedAt: at } : {}),
      history: [...current!.history, { at, step: event, ...item }],
      ...extra,
    }
    await tx.collection('voices').doc(seen._id).update(changes)
    return { ...current!, ...changes }
  })
}

/** Accepts a step's photos (the caller's own uploads, pinned under the post) and screens its words; answers the pinned copies. */
export async function acceptStep(ctx: MemberCtx, postId: string, note: string, photos: readonly string[] | undefined, run: (pinned: string[]) => Promise<VoiceRecord>): Promise<VoiceRecord> {
  const now = ctx.now()
  const accepting = acceptEvidence(photos ?? [], { owners: [ctx.openid], pinTo: pinFolder('voices', postId) })
  const screening = screen(ctx.openid, 'comment', { texts: { 说明: note }, photos: accepting.then((a) => a.photos.map((p) => ({ fileID: p.fileID, url: p.url }))) }, now)
  try {
    const [evidence, screened] = await Promise.all([accepting, screening])
    admit(screened)
    const saved = await run(evidence.photos.map((p) => p.pinned))
    await recordPhotoChecks(ctx.db, { type: 'voice', id: postId }, ctx.openid, screened, now)
    return saved
  } catch (e) {
    return discardOnRefusal(accepting, e)
  }
}

