/** How claims are stored, and how they read through the API. */
import type { Claim, DuplicatePhoto, HistoryItem } from '../../src/core/claim-input'
import type { ClaimStatus, ReviewStep } from '../../src/core/claims'
import type { ScreeningRecord } from '../../src/core/screening'
import { fromTenths } from '../../src/core/points'
import type { Transaction } from '../_shared/cloud'
import { derivedId } from '../_shared/ids'

export interface ClaimRecord {
  _id: string
  communityId: string
  gridId: string
  courtyardId: string
  courtyardName: string
  householdId: string
  householdName: string
  residentId: string
  residentName: string
  /** The claimant's openid, when they have one (a resident without a phone has none). */
  residentOpenid: string | null
  ruleId: string
  ruleName: string
  /** The rule's category (older claims may lack the id). */
  categoryId?: string
  categoryName: string
  pointsTenths: number
  status: ClaimStatus
  step: ReviewStep | null
  occurredAt: string
  /** The month of the deed (Asia/Shanghai): the month whose cap it counts against. */
  month: string
  place: string
  description: string
  photos: string[]
  photoHashes: string[]
  duplicates: DuplicatePhoto[]
  proxy: { openid: string; name: string } | null
  submittedBy: string
  /** Whether it currently counts against the monthly cap (submitted, pre-approved or approved). */
  counted: boolean
  history: HistoryItem[]
  /** What the platform's content check left to the reviewer: an unchecked text, photos sent for checking. */
  screening?: ScreeningRecord
  createdAt: string
  updatedAt: string
}

/** The id of a claim: the same submitter and requestId always name the same claim. */
export function claimIdFor(submitter: string, requestId: string): string {
  return derivedId('cl', submitter, requestId)
}

export const capIdFor = (c: Pick<ClaimRecord, 'residentId' | 'ruleId' | 'month'>) => `cap:${c.residentId}:${c.ruleId}:${c.month}`

/** How many claims of this rule the resident has counted this month, read inside a transaction. */
export async function countedThisMonth(tx: Transaction, claim: Pick<ClaimRecord, 'residentId' | 'ruleId' | 'month'>): Promise<number> {
  return (((await tx.collection('claimCaps').doc(capIdFor(claim)).get()).data ?? null) as { count: number } | null)?.count ?? 0
}

/** Stores the resident's monthly count for this rule (never below zero). */
export async function setCounted(tx: Transaction, claim: Pick<ClaimRecord, 'residentId' | 'ruleId' | 'month'>, count: number): Promise<void> {
  await tx.collection('claimCaps').doc(capIdFor(claim)).set({ count: Math.max(0, count) })
}

export function toClaim(r: ClaimRecord): Claim {
  return {
    id: r._id,
    residentId: r.residentId,
    residentName: r.residentName,
    householdId: r.householdId,
    courtyardId: r.courtyardId,
    ruleId: r.ruleId,
    ruleName: r.ruleName,
    categoryName: r.categoryName,
    points: fromTenths(r.pointsTenths),
    status: r.status,
    step: r.step,
    occurredAt: r.occurredAt,
    place: r.place,
    description: r.description,
    photos: r.photos,
    duplicates: r.duplicates,
    proxy: r.proxy,
    ...(r.screening?.text ? { screening: r.screening.text } : {}),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }
}
