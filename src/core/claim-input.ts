/** What a claim (申报) looks like on the wire: the input of claims.submit and the claim answered back. */
import { z } from 'zod'
import { freeText, isoDateTime, shortLabel } from './inputs'

export const MAX_PHOTOS = 9
/** A claim may be filed at most this long after the deed. */
export const MAX_CLAIM_AGE_DAYS = 31

export const requestIdInput = z.string().trim().min(8, 'requestId 至少 8 个字符').max(64)

export const submitInput = z.object({
  ruleId: z.string().min(1).max(64),
  occurredAt: isoDateTime('请选择做这件事的时间'),
  place: shortLabel('地点', 60, { minMessage: '请写明地点', maxMessage: '地点不超过 60 个字' }),
  description: freeText('说明', 500, { min: 2, minMessage: '请简单说明做了什么', maxMessage: '说明不超过 500 个字' }),
  photos: z.array(z.string().min(1).max(512)).max(MAX_PHOTOS, `照片最多 ${MAX_PHOTOS} 张`).default([]),
  requestId: requestIdInput,
  /** A head or grid worker filing for a resident without a phone (代申报). */
  onBehalfOf: z.string().min(1).max(64).optional(),
})
export type SubmitInput = z.infer<typeof submitInput>

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
  createdAt: string
  updatedAt: string
}
