/** What a claim (申报) looks like on the wire: the claim answered back, and the rules of its time (its input: claims.schema). */

export const MAX_PHOTOS = 9
/** A claim may be filed at most this long after the deed. */
export const MAX_CLAIM_AGE_DAYS = 31
/** …and name a time at most this far ahead of the clock that checks it (a phone's clock may run a little fast). */
export const MAX_CLAIM_AHEAD_MS = 5 * 60_000

/** Why a deed's time cannot be claimed at `now` (the form and claims.submit both ask): it lies ahead, or too long ago. */
export type ClaimTimeProblem = 'future' | 'too_old'

export function claimTimeProblem(occurredAt: Date, now: Date): ClaimTimeProblem | null {
  if (occurredAt.getTime() > now.getTime() + MAX_CLAIM_AHEAD_MS) return 'future'
  if (now.getTime() - occurredAt.getTime() > MAX_CLAIM_AGE_DAYS * 86_400_000) return 'too_old'
  return null
}

/** What claims.submit answers of each (the form words them for the resident). */
export const CLAIM_TIME_MESSAGES: Record<ClaimTimeProblem, string> = {
  future: '时间不能晚于现在',
  too_old: `只能申报 ${MAX_CLAIM_AGE_DAYS} 天以内的事`,
}

export interface HistoryItem {
  at: string
  /** The openid of who did it: kept in the record, never answered (a HistoryStep is what a reader gets). */
  by: string
  byName: string
  /** `system`: the platform's content check returned it (a photo failed). */
  step: 'submit' | 'head' | 'grid' | 'resident' | 'system'
  decision: 'submit' | 'pass' | 'reject' | 'return' | 'resubmit' | 'withdraw'
  reason?: string
}

/** A step of a claim's history as answered: who did it by name only. */
export type HistoryStep = Omit<HistoryItem, 'by'>

/** As stored: which claim (and whose) first used a photo's bytes. */
export interface DuplicatePhoto {
  photo: string
  claimId: string
  residentName: string
  at: string
}

/**
 * A photo used before, as answered: `claimId` and `residentName` only to a viewer who may see that person
 * (src/core/visibility); anyone else learns only that the photo was used on another claim of the community, and when.
 */
export interface DuplicateNote {
  photo: string
  at: string
  claimId?: string
  residentName?: string
}

export interface Claim {
  id: string
  residentId: string
  residentName: string
  householdId: string
  courtyardId: string
  ruleId: string
  ruleName: string
  categoryName: string
  points: number
  status: import('./claims').ClaimStatus
  step: import('./claims').ReviewStep | null
  occurredAt: string
  place: string
  description: string
  photos: string[]
  duplicates: DuplicateNote[]
  /** Who filed it for the claimant; `openid` only to that person themselves. */
  proxy: { openid?: string; name: string } | null
  /** The text went through without a plain pass from the platform's check (an outage, or a hint to look): the reviewer sees it. */
  screening?: import('./screening').TextScreening
  /** A claim waiting for the grid worker: the head who passed 初审 (院长先看) and when, so the queue needs no other read. */
  headPass?: { byName: string; at: string }
  createdAt: string
  updatedAt: string
}
