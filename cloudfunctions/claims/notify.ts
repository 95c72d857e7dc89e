/** Who hears about a claim: the reviewer whose step it is, and the claimant when it is decided. */
import { CLAIM_STATUS_NAMES } from '../../src/core/claims'
import { formatPoints, fromTenths } from '../../src/core/points'
import type { Db } from '../_shared/cloud'
import type { UserRecord } from '../_shared/handler'
import { enqueue, send } from '../_shared/outbox'
import { holdersOf } from '../_shared/people'
import type { ClaimRecord } from './records'

const page = (c: ClaimRecord) => `pages/claim-detail/index?id=${c._id}`

/** Tells whoever's step the claim now waits for (heads for 初审, grid workers for 审核), never its own household. */
export async function notifyReviewers(db: Db, claim: ClaimRecord, heads?: UserRecord[]): Promise<void> {
  const reviewers =
    claim.step === 'head' ? (heads ?? (await holdersOf(db, 'head', claim.courtyardId))) : claim.step === 'grid' ? await holdersOf(db, 'grid', claim.gridId) : []
  const to = reviewers.filter((u) => u.householdId !== claim.householdId || !u.householdId).map((u) => u._id)
  if (to.length === 0) return
  const ids = await enqueue(
    db,
    to.map((openid) => ({
      to: openid,
      kind: 'claim_to_review' as const,
      title: `${claim.residentName}申报了${claim.ruleName}`,
      body: `${formatPoints(fromTenths(claim.pointsTenths))} 分，等您${claim.step === 'head' ? '初审' : '审核'}`,
      page: page(claim),
      fields: { item: claim.ruleName, person: claim.residentName, points: formatPoints(fromTenths(claim.pointsTenths)), step: claim.step === 'head' ? '初审' : '审核' },
    })),
    new Date(),
  )
  await send(db, ids)
}

/** Tells the claimant (and whoever filed it for them) what was decided, with the reason. */
export async function notifyDecision(db: Db, claim: ClaimRecord, reason: string | undefined): Promise<void> {
  const to = [...new Set([claim.residentOpenid, claim.proxy?.openid].filter((o): o is string => !!o))]
  if (to.length === 0) return
  const ids = await enqueue(
    db,
    to.map((openid) => ({
      to: openid,
      kind: 'claim_decided' as const,
      title: `${claim.ruleName}：${CLAIM_STATUS_NAMES[claim.status]}`,
      body: reason ?? (claim.status === 'approved' ? `获得 ${formatPoints(fromTenths(claim.pointsTenths))} 分` : '请查看详情'),
      page: page(claim),
      fields: { item: claim.ruleName, result: CLAIM_STATUS_NAMES[claim.status], note: reason ?? (claim.status === 'approved' ? `获得 ${formatPoints(fromTenths(claim.pointsTenths))} 分` : '请查看详情') },
    })),
    new Date(),
  )
  await send(db, ids)
}
