/**
 * Claims (申报) and their one transition table. A claim is `submitted` → `pre_approved` (the courtyard
 * head's 初审) → `approved` (the grid worker), or `rejected`, `returned` (to add evidence, then
 * `submitted` again) or `withdrawn`. Every workflow rule about statuses lives here.
 */
import { DomainError } from './errors'
import { GLOSSARY } from './glossary'
import { lifecycle, next } from './lifecycle'

export const CLAIM_STATUSES = ['submitted', 'pre_approved', 'approved', 'rejected', 'returned', 'withdrawn'] as const
export type ClaimStatus = (typeof CLAIM_STATUSES)[number]

/** In the glossary's words (./glossary): 等院长先看, 等网格员确认 (were 待初审, 待审核). */
export const CLAIM_STATUS_NAMES: Record<ClaimStatus, string> = {
  submitted: GLOSSARY.waitingHead,
  pre_approved: GLOSSARY.waitingGrid,
  approved: '已通过',
  rejected: '未通过',
  returned: '退回补充',
  withdrawn: '已撤回',
}

/** Whose step a claim waits for: the courtyard head (初审) or the grid worker (审核). */
export type ReviewStep = 'head' | 'grid'
export type ReviewDecision = 'pass' | 'reject' | 'return'
export type ClaimEvent = ReviewDecision | 'resubmit' | 'withdraw'

/** status → event → next status. Anything not listed is refused with CLAIM.INVALID_TRANSITION. */
export const CLAIM_TRANSITIONS: Readonly<Record<ClaimStatus, Partial<Record<ClaimEvent, ClaimStatus>>>> = {
  // A claim waiting for the head; `pass` here is the head's 初审. (A claim that skips the head is
  // created as pre_approved: see firstStatus.)
  submitted: { pass: 'pre_approved', reject: 'rejected', return: 'returned', withdraw: 'withdrawn' },
  pre_approved: { pass: 'approved', reject: 'rejected', return: 'returned', withdraw: 'withdrawn' },
  returned: { resubmit: 'submitted', withdraw: 'withdrawn' },
  approved: {},
  rejected: {},
  withdrawn: {},
}

/** The table with who may cause each event and the refusal: what every lifecycle of the app has (./lifecycle). */
export const CLAIMS = lifecycle<ClaimStatus, ClaimEvent>(CLAIM_STATUS_NAMES, {
  transitions: CLAIM_TRANSITIONS,
  actors: {
    // The head decides 初审 and the grid worker 审核 (see stepOf), two different people (see assertTwoReviewers).
    pass: ['head', 'grid'],
    reject: ['head', 'grid'],
    // And the platform's photo check, for a photo that fails it (media-results).
    return: ['head', 'grid', 'system'],
    // Whoever filed it; a deleted account's open claims are withdrawn by the admin who deletes it.
    resubmit: ['owner'],
    withdraw: ['owner', 'admin'],
  },
  refuse: (status, event) => new DomainError('CLAIM.INVALID_TRANSITION', `这条申报“${(status && CLAIM_STATUS_NAMES[status]) ?? status}”，不能${EVENT_NAMES[event] ?? event}`),
})

/** The status after `event`, or a refusal naming the status and the event in Chinese. */
export const nextStatus = (status: ClaimStatus, event: ClaimEvent): ClaimStatus => next(CLAIMS, status, event)

const EVENT_NAMES: Record<ClaimEvent, string> = {
  pass: '通过',
  reject: '驳回',
  return: '退回',
  resubmit: '重新提交',
  withdraw: '撤回',
}

/** The step a status waits for, or null when no review is pending. */
export function stepOf(status: ClaimStatus): ReviewStep | null {
  if (status === 'submitted') return 'head'
  if (status === 'pre_approved') return 'grid'
  return null
}

/**
 * Where a new (or resubmitted) claim starts. A head's own claim, and a claim from a courtyard with no
 * head, skips 初审 and goes straight to the grid worker.
 */
export function firstStatus(claimant: { isHeadOfOwnCourtyard: boolean }, courtyard: { hasHead: boolean }): ClaimStatus {
  return claimant.isHeadOfOwnCourtyard || !courtyard.hasHead ? 'pre_approved' : 'submitted'
}

/** What separation of duties reads of a claim's history (see HistoryItem in claim-input). */
export interface ReviewAct {
  by: string
  step: string
  decision: string
}

/** The acts of the current round: everything since the claim was last submitted or resubmitted. */
function currentRound(history: readonly ReviewAct[]): readonly ReviewAct[] {
  const start = history.map((h) => h.decision === 'submit' || h.decision === 'resubmit').lastIndexOf(true)
  return start < 0 ? history : history.slice(start)
}

/** Who passed 初审 of the current round, or null: the queue leaves 审核 of it to someone else. */
export function preApprovedBy(history: readonly ReviewAct[]): string | null {
  return currentRound(history).find((h) => h.step === 'head' && h.decision === 'pass')?.by ?? null
}

/**
 * Separation of duties: the two review steps of one claim are decided by two different people, whatever roles one
 * person holds (a head may also be a grid worker). In the current round, whoever filed the claim decides neither
 * step — a head's own claim, or one a head filed for a resident, skips 初审 on the filer's word — and whoever passed
 * 初审 does not decide 审核 (pass, reject or return). A former round does not count: after a resubmit, its new 初审 does.
 */
export function assertTwoReviewers(history: readonly ReviewAct[], step: ReviewStep, openid: string): void {
  const round = currentRound(history)
  if (round.some((h) => (h.decision === 'submit' || h.decision === 'resubmit') && h.by === openid)) {
    throw new DomainError('CLAIM.SAME_REVIEWER', '这条申报是您提交的，须由别人审核')
  }
  if (step === 'grid' && preApprovedBy(history) === openid) {
    throw new DomainError('CLAIM.SAME_REVIEWER', '您已做过这条申报的初审，审核须由另一位网格员办理')
  }
}

/** Reject and return need a reason the resident can read; pass does not. */
export function requireReason(decision: ReviewDecision, reason: string | undefined): string | undefined {
  const trimmed = reason?.trim()
  if (decision !== 'pass' && !trimmed) throw new DomainError('INPUT.INVALID', decision === 'reject' ? '驳回时请写明原因' : '退回时请写明需要补充什么')
  return trimmed || undefined
}

/** Reason templates the reviewer can tap instead of typing (驳回 / 退回). */
export const REASON_TEMPLATES: Record<Exclude<ReviewDecision, 'pass'>, readonly string[]> = {
  reject: ['不属于积分细则范围', '本月该项已达上限', '照片与申报内容不符', '重复申报'],
  return: ['照片不清楚，请重新拍一张', '请补充活动现场照片', '请写明时间和地点', '请补充参与人员说明'],
}
