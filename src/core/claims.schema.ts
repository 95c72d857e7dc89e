/** The inputs of the claims function (申报), as the function validates them and the forms check them before sending. */
import { z } from 'zod'
import { MAX_PHOTOS } from './claim-input'
import { CLAIM_STATUSES } from './claims'
import { cursorInput, freeText, idInput, isoDateTime, requestIdInput, shortLabel } from './inputs'

const place = shortLabel('地点', 60, { minMessage: '请写明地点', maxMessage: '地点不超过 60 个字' })
const description = freeText('说明', 500, { min: 2, minMessage: '请简单说明做了什么', maxMessage: '说明不超过 500 个字' })
const photos = z.array(z.string().min(1).max(512)).max(MAX_PHOTOS, `照片最多 ${MAX_PHOTOS} 张`)

/** 申报: the time is checked again against the clock (claimTimeProblem, core/claim-input). */
export const submitInput = z.object({
  ruleId: idInput,
  occurredAt: isoDateTime('请选择做这件事的时间'),
  place,
  description,
  photos: photos.default([]),
  requestId: requestIdInput,
  /** A head or grid worker filing for a resident without a phone (代申报). */
  onBehalfOf: idInput.optional(),
})
export type SubmitInput = z.input<typeof submitInput>

export const mineInput = z.object({ status: z.enum(CLAIM_STATUSES).optional(), cursor: cursorInput.optional(), filedForOthers: z.boolean().optional() })

export const queueInput = z.object({ cursor: cursorInput.optional() })

export const getInput = z.object({ claimId: idInput })

export const reviewInput = z.object({
  claimId: idInput,
  decision: z.enum(['pass', 'reject', 'return']),
  reason: freeText('原因', 200, { maxMessage: '原因不超过 200 个字' }).optional(),
})

/** Whether this community already has the photo just uploaded on a claim (asked before submitting; writes nothing). */
export const checkPhotoInput = z.object({ fileID: z.string().min(1).max(512) })

export const withdrawInput = z.object({ claimId: idInput })

/** The forms' words for the schema's, where a form says a little more (the claim form and 补充材料). */
export const CLAIM_FORM_WORDS = { reword: { 请写明地点: '请写明地点，至少两个字', 请简单说明做了什么: '请简单说明做了什么，至少两个字' } }

/** A returned claim with more evidence (and, if needed, a clearer description or place). */
export const resubmitInput = z.object({
  claimId: idInput,
  photos,
  description: description.optional(),
  place: place.optional(),
  requestId: requestIdInput,
})
