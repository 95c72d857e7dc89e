import type { Claim, HistoryStep } from '../../src/core/claim-input'
import { getInput, mineInput, queueInput } from '../../src/core/claims.schema'
import { DomainError } from '../../src/core/errors'
import { type PhotoState, mayShowPhoto, photoStates } from '../../src/core/screening'
import { viewerOf } from '../../src/core/visibility'
import { cloudApp } from '../_shared/cloud'
import { servedPhotos } from '../_shared/evidence'
import { action, type MemberCtx } from '../_shared/handler'
import { checksOf } from '../_shared/media-results'
import { isOwner, loadClaim, mayRead } from './access'
import { pageOfClaims } from './paging'
import { type ClaimOwner, type ClaimRecord, type ClaimView, toClaim } from './records'

/**
 * How this caller reads these claims: who they are, and where the claimants stand of the claims their duplicates
 * point at (one read, only when there are any), so that a photo's other user is named only to whom may see them.
 */
async function viewFor(ctx: MemberCtx, claims: readonly ClaimRecord[]): Promise<ClaimView> {
  const ids = [...new Set(claims.flatMap((c) => c.duplicates.map((d) => d.claimId)))]
  const others = new Map<string, ClaimOwner>()
  const _ = ctx.db.command
  for (let i = 0; i < ids.length; i += 100) {
    for (const c of (await ctx.db.collection('claims').where({ _id: _.in(ids.slice(i, i + 100)) }).limit(100).get()).data as ClaimRecord[]) others.set(c._id, c)
  }
  return { viewer: viewerOf(ctx), openid: ctx.openid, others }
}

/** My claims (as the claimant, or filed by me for someone), newest first. */
export const mine = action({
  input: mineInput,
  access: 'member',
  handler: async ({ ctx, input }): Promise<{ items: Claim[]; cursor?: string }> => {
    const where: Record<string, unknown> = input.filedForOthers ? { 'proxy.openid': ctx.openid } : { residentId: ctx.user.residentId ?? '-' }
    if (input.status) where.status = input.status
    const page = await pageOfClaims(ctx.db, where, 'desc', input.cursor)
    const view = await viewFor(ctx, page.items)
    return { items: page.items.map((c) => toClaim(c, view)), ...(page.cursor ? { cursor: page.cursor } : {}) }
  },
})

/**
 * The claims waiting for this caller's step, oldest first: 初审 for a head, 审核 for a grid worker; never their own
 * household's, nor those they filed, nor 审核 of one they passed 初审 of (separation of duties: core/claims).
 */
export const queue = action({
  input: queueInput,
  access: ['head', 'grid'],
  handler: async ({ ctx, input }): Promise<{ items: Claim[]; cursor?: string }> => {
    const _ = ctx.db.command
    const courtyards = ctx.roles.filter((r) => r.role === 'head').map((r) => r.nodeId)
    const grids = ctx.roles.filter((r) => r.role === 'grid').map((r) => r.nodeId)
    const mine: Record<string, unknown>[] = []
    if (courtyards.length) mine.push({ status: 'submitted', courtyardId: _.in(courtyards) })
    if (grids.length) mine.push({ status: 'pre_approved', gridId: _.in(grids), preApprovedBy: _.neq(ctx.openid) })
    const base = { communityId: ctx.user.communityId, householdId: _.neq(ctx.user.householdId ?? '-'), 'proxy.openid': _.neq(ctx.openid) }
    const query = mine.length === 1 ? { ...base, ...mine[0] } : (_.and([base, _.or(mine)]) as unknown as Record<string, unknown>)
    const page = await pageOfClaims(ctx.db, query, 'asc', input.cursor)
    const view = await viewFor(ctx, page.items)
    return { items: page.items.map((c) => toClaim(c, view)), ...(page.cursor ? { cursor: page.cursor } : {}) }
  },
})

/**
 * One claim with viewable photo links and its history: for its owner, its reviewers and the admin. The links are to
 * the pinned copies, the bytes that were submitted (evidence.ts). A reviewer is never given a photo the platform's
 * check has not passed yet, nor one it called risky (`photoChecks` says why).
 */
export const get = action({
  input: getInput,
  access: 'member',
  handler: async ({ ctx, input }): Promise<{ claim: Claim; photoUrls: string[]; history: HistoryStep[]; photoChecks?: PhotoState[] }> => {
    const claim = await loadClaim(ctx, input.claimId)
    if (!mayRead(ctx, claim)) throw new DomainError('NOT_FOUND', '没有找到这条申报')
    let photoUrls: string[] = []
    let photoChecks: PhotoState[] | undefined
    if (claim.photos.length) {
      const served = servedPhotos(claim)
      const [{ fileList }, checks] = await Promise.all([
        cloudApp().getTempFileURL({ fileList: served.map((fileID) => ({ fileID, maxAge: 1800 })) }),
        claim.screening?.photosSentAt ? checksOf(ctx.db, [claim._id]) : Promise.resolve([]),
      ])
      photoChecks = claim.screening?.photosSentAt ? photoStates(claim.photos, claim.screening, checks, ctx.now()) : undefined
      // The claimant took them and sees them all; anyone else only what may be shown.
      const shown = (i: number) => isOwner(ctx, claim) || !photoChecks || mayShowPhoto(photoChecks[i])
      photoUrls = served.map((p, i) => (shown(i) ? (fileList.find((f) => f.fileID === p)?.tempFileURL ?? '') : ''))
    }
    // The history names who did what by name; their openids stay in the record.
    const history = claim.history.map(({ by: _by, ...step }) => step)
    return { claim: toClaim(claim, await viewFor(ctx, [claim])), photoUrls, history, ...(photoChecks ? { photoChecks } : {}) }
  },
})
