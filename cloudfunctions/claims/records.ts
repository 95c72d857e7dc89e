/** How claims are stored, and how they read through the API. */
import type { Claim, DuplicateNote, DuplicatePhoto, HistoryItem } from '../../src/core/claim-input'
import type { ClaimStatus, ReviewStep } from '../../src/core/claims'
import type { ScreeningRecord } from '../../src/core/screening'
import { fromTenths } from '../../src/core/points'
import { PUBLIC, type Viewer, seesInFull } from '../../src/core/visibility'
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
  /** The uploads, as the app names them. */
  photos: string[]
  /** Their pinned copies (cloudfunctions/_shared/evidence.ts): what is served and screened; absent on claims stored before pinning. */
  pinned?: string[]
  /** The SHA-256 of each pinned copy. */
  photoHashes: string[]
  duplicates: DuplicatePhoto[]
  proxy: { openid: string; name: string } | null
  submittedBy: string
  /** Whether it currently counts against the monthly cap (submitted, pre-approved or approved). */
  counted: boolean
  /** Who passed 初审 of the current round (core/claims preApprovedBy): the queue offers them no 审核 of it. */
  preApprovedBy?: string | null
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

/** Where the claimant of a claim stands: whether a viewer may know that a photo was theirs. */
export type ClaimOwner = Pick<ClaimRecord, '_id' | 'communityId' | 'gridId' | 'courtyardId' | 'residentId'>

/**
 * Who reads a claim, and the claims its duplicates point at (read for the purpose, see claims/read.ts). Without one —
 * the answers of submit, review, withdraw and resubmit — nobody in particular reads it: the duplicates name nobody.
 */
export interface ClaimView {
  viewer: Viewer
  openid: string | null
  others: ReadonlyMap<string, ClaimOwner>
}
const NOBODY: ClaimView = { viewer: PUBLIC, openid: null, others: new Map() }

/**
 * A photo used before, as `view` may see it: whose and which claim only for a viewer who may see that person (the
 * person themselves, the admin, the head of their courtyard, the grid worker of their grid — who can also open that
 * claim); anyone else, that it was used on another claim, and when. A claim of another community is not mentioned.
 */
function duplicateAsSeen(d: DuplicatePhoto, claim: ClaimRecord, view: ClaimView): DuplicateNote[] {
  const other = view.others.get(d.claimId)
  if (other && other.communityId !== claim.communityId) return []
  const named = !!other && seesInFull(view.viewer, { kind: 'person', name: d.residentName, communityId: other.communityId, gridId: other.gridId, courtyardId: other.courtyardId, residentId: other.residentId })
  return [named ? { photo: d.photo, claimId: d.claimId, residentName: d.residentName, at: d.at } : { photo: d.photo, at: d.at }]
}

/**
 * A claim as answered. It is only ever answered to whom may read it (claims/access mayRead: the claimant, whoever filed
 * it, its reviewers, the admin), who all see the claimant's name; what else it names goes by `view`.
 */
/** The head's pass of the current round (the last 初审 pass), on a claim waiting for the grid worker. */
function headPassOf(r: Pick<ClaimRecord, 'status' | 'history'>): Pick<Claim, 'headPass'> {
  if (r.status !== 'pre_approved') return {}
  const pass = [...r.history].reverse().find((h) => h.step === 'head' && h.decision === 'pass')
  return pass ? { headPass: { byName: pass.byName, at: pass.at } } : {}
}

export function toClaim(r: ClaimRecord, view: ClaimView = NOBODY): Claim {
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
    duplicates: r.duplicates.flatMap((d) => duplicateAsSeen(d, r, view)),
    proxy: r.proxy ? { name: r.proxy.name, ...(view.openid && r.proxy.openid === view.openid ? { openid: r.proxy.openid } : {}) } : null,
    ...(r.screening?.text ? { screening: r.screening.text } : {}),
    ...headPassOf(r),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }
}
