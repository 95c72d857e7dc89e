import { CLAIM_TIME_MESSAGES, type Claim, claimTimeProblem } from '../../src/core/claim-input'
import { submitInput } from '../../src/core/claims.schema'
import { type ClaimStatus, firstStatus, stepOf } from '../../src/core/claims'
import { DomainError } from '../../src/core/errors'
import { monthKey } from '../../src/core/period'
import { transaction } from '../_shared/cloud'
import { acceptClaimEvidence, discardOnRefusal, rememberFirstUses } from '../_shared/evidence'
import { action, type MemberCtx, type UserRecord } from '../_shared/handler'
import { recordPhotoChecks } from '../_shared/media-results'
import { admit, screen } from '../_shared/screening'
import type { OrgNodeRecord, ResidentRecord } from '../_shared/org'
import { actsFor, getResident, holdersOf, residentInCommunity } from '../_shared/people'
import type { CategoryRecord, RuleRecord } from '../rules/records'
import { notifyReviewers } from './notify'
import { type ClaimRecord, claimIdFor, countedThisMonth, setCounted, toClaim } from './records'

/** Who the claim is for: the caller, or (代申报) a resident the caller, a head or grid worker, acts for. */
async function claimantOf(ctx: MemberCtx, onBehalfOf: string | undefined): Promise<{ resident: ResidentRecord; proxy: ClaimRecord['proxy'] }> {
  if (onBehalfOf && onBehalfOf !== ctx.user.residentId) {
    const resident = await residentInCommunity(ctx, onBehalfOf)
    if (!actsFor(ctx, resident, ['head', 'grid'])) throw new DomainError('AUTH.FORBIDDEN', '只能为本院（本网格）的居民代为申报')
    return { resident, proxy: { openid: ctx.openid, name: ctx.user.name } }
  }
  if (!ctx.user.residentId) throw new DomainError('AUTH.FORBIDDEN', '只有居民可以申报积分')
  const resident = await getResident(ctx.db, ctx.user.residentId)
  if (!resident) throw new DomainError('NOT_FOUND', '找不到您的居民档案，请联系社区')
  return { resident, proxy: null }
}

/**
 * Where a claim starts, on submit and on resubmit alike. Nobody reviews a claim of their own household; a claim of a
 * head of its courtyard, or one a head files for a resident, skips 初审 (the head vouches for it as 初审 would) and
 * goes to the grid worker, as does one from a courtyard where no other household's head can review it. Answers the
 * status and the heads who review it.
 */
export function startOf(heads: readonly UserRecord[], claim: { householdId: string; residentOpenid: string | null }, filer: string): { status: ClaimStatus; reviewingHeads: UserRecord[] } {
  const reviewingHeads = heads.filter((h) => h.householdId !== claim.householdId)
  const byHead = heads.some((h) => h._id === claim.residentOpenid || h._id === filer)
  return { status: firstStatus({ isHeadOfOwnCourtyard: byHead }, { hasHead: reviewingHeads.length > 0 }), reviewingHeads }
}

/** The deed's time, if a claim may be filed for it now (core/claim-input's rule, the form's too). */
export function checkOccurredAt(occurredAt: string, now: Date): Date {
  const at = new Date(occurredAt)
  const problem = claimTimeProblem(at, now)
  if (problem) throw new DomainError('INPUT.INVALID', CLAIM_TIME_MESSAGES[problem])
  return at
}

/**
 * 申报: a resident (or a head or grid worker for a resident without a phone) claims a rule item with
 * evidence. The rule fixes the points. The claim waits for the courtyard head, or goes straight to the
 * grid worker when the claimant is a head or no other household's head can review it. The monthly cap
 * is counted in the same transaction that writes the claim, so concurrent claims cannot pass it.
 */
export const submit = action({
  input: submitInput,
  access: 'member',
  audit: 'roles',
  handler: async ({ ctx, input }): Promise<{ claim: Claim }> => {
    const { db } = ctx
    const id = claimIdFor(ctx.openid, input.requestId)
    const replay = ((await db.collection('claims').doc(id).get()).data as ClaimRecord[])[0]
    if (replay) return { claim: toClaim(replay) }

    const now = ctx.now()
    const occurredAt = checkOccurredAt(input.occurredAt, now)
    const { resident, proxy } = await claimantOf(ctx, input.onBehalfOf)
    const rule = ((await db.collection('rules').doc(input.ruleId).get()).data as RuleRecord[])[0]
    if (!rule || rule.communityId !== resident.communityId || !rule.enabled) throw new DomainError('NOT_FOUND', '没有这个积分条目，或它已停用')
    if (rule.photosRequired && input.photos.length === 0) throw new DomainError('CLAIM.EVIDENCE_REQUIRED')

    // The photos are pinned, checked and matched against earlier claims (evidence.ts); content screening runs beside
    // the reads below (the text at once, the photos once pinned) and is awaited with them.
    const owners = [resident.openid, proxy?.openid].filter((o): o is string => !!o)
    const accepting = acceptClaimEvidence(db, input.photos, { id, communityId: resident.communityId, owners })
    const screening = screen(ctx.openid, 'forum', { texts: { 做了什么: input.description, 在哪里做的: input.place }, photos: accepting.then((e) => e.photos) }, now)
    try {
      const [evidence, category, courtyard, household, heads, screened] = await Promise.all([
        accepting,
        db.collection('ruleCategories').doc(rule.categoryId).get(),
        db.collection('orgNodes').doc(resident.courtyardId).get(),
        db.collection('orgNodes').doc(resident.householdId).get(),
        holdersOf(db, 'head', resident.courtyardId),
        screening,
      ])
      const screeningRecord = admit(screened)
      const { status, reviewingHeads } = startOf(heads, { householdId: resident.householdId, residentOpenid: resident.openid }, ctx.openid)
      const byName = proxy ? `${proxy.name}（代 ${resident.name} 申报）` : resident.name
      const record: ClaimRecord = {
        _id: id,
        communityId: resident.communityId,
        gridId: resident.gridId,
        courtyardId: resident.courtyardId,
        courtyardName: ((courtyard.data as OrgNodeRecord[])[0]?.name ?? '') as string,
        householdId: resident.householdId,
        householdName: ((household.data as OrgNodeRecord[])[0]?.name ?? '') as string,
        residentId: resident._id,
        residentName: resident.name,
        residentOpenid: resident.openid,
        ruleId: rule._id,
        ruleName: rule.name,
        categoryId: rule.categoryId,
        categoryName: ((category.data as CategoryRecord[])[0]?.name ?? '') as string,
        pointsTenths: rule.pointsTenths,
        status,
        step: stepOf(status),
        occurredAt: occurredAt.toISOString(),
        month: monthKey(occurredAt),
        place: input.place,
        description: input.description,
        photos: input.photos,
        pinned: evidence.photos.map((p) => p.pinned),
        photoHashes: evidence.photos.map((p) => p.sha256),
        duplicates: evidence.duplicates,
        proxy,
        submittedBy: ctx.openid,
        counted: true,
        preApprovedBy: null,
        history: [{ at: now.toISOString(), by: ctx.openid, byName, step: 'submit', decision: 'submit' }],
        ...(screeningRecord ? { screening: screeningRecord } : {}),
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      }

      const written = await transaction(db, async (tx) => {
        if ((await tx.collection('claims').doc(id).get()).data) return false
        const count = await countedThisMonth(tx, record)
        if (rule.capPerMonth > 0 && count >= rule.capPerMonth) {
          throw new DomainError('CLAIM.CAP_REACHED', `“${rule.name}”每月最多申报 ${rule.capPerMonth} 次，本月已满`)
        }
        await tx.collection('claims').add(record)
        await setCounted(tx, record, count + 1)
        return true
      })
      const stored = written ? record : ((await db.collection('claims').doc(id).get()).data as ClaimRecord[])[0]
      if (written) {
        // Which claim first used each photo; beside it, what each photo check is about.
        await Promise.all([
          rememberFirstUses(db, evidence, { id, communityId: resident.communityId, residentName: resident.name, at: record.createdAt }),
          recordPhotoChecks(db, { type: 'claim', id }, ctx.openid, screened, now),
        ])
        await notifyReviewers(db, record, reviewingHeads)
      }
      return { claim: toClaim(stored) }
    } catch (e) {
      return discardOnRefusal(accepting, e)
    }
  },
})
