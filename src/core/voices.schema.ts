/** The inputs of the voices function (居民说事、微心愿、随手拍), as the function validates them and the forms check them. */
import { z } from 'zod'
import { cursorInput, freeText, idInput, monthInput, pointsInput, requestIdInput, shortLabel } from './inputs'
import { DECISIONS, MAX_OFFER_POINTS, VOICE_KINDS } from './voices'

const photos = z.array(z.string().min(1).max(512)).max(9, '照片最多 9 张')
const kind = z.enum(VOICE_KINDS, { message: '说事的种类只有：居民说事、微心愿、随手拍' })

/** 说事、许心愿、随手拍. A hazard needs a photo; a retried `requestId` posts once. */
export const postInput = z
  .object({
    kind,
    title: shortLabel('标题', 30, { minMessage: '标题至少 2 个字', maxMessage: '标题不超过 30 个字' }),
    text: freeText('内容', 500, { min: 5, minMessage: '请多写几个字，说清楚是什么事', maxMessage: '内容不超过 500 个字' }),
    photos: photos.optional(),
    place: shortLabel('地点', 60, { min: 0, maxMessage: '地点不超过 60 个字' }).optional(),
    /** The courtyard the place is in (a hazard seen elsewhere); the poster's own by default. */
    courtyardId: idInput.optional(),
    /** 代说事: a 院长, grid worker or the admin posts for a resident in their charge without a phone (their name, their points). */
    onBehalfOf: idInput.optional(),
    /** 心愿定制: points from the poster's own balance, held until the wish is confirmed (wishes only). */
    offerPoints: pointsInput(MAX_OFFER_POINTS).optional(),
    requestId: requestIdInput,
  })
  .refine((i) => i.kind !== 'hazard' || (i.photos?.length ?? 0) > 0, { message: '随手拍请拍一张隐患的照片', path: ['photos'] })
  .refine((i) => i.kind !== 'hazard' || !!i.place, { message: '请写明隐患在什么地方', path: ['place'] })
  .refine((i) => i.kind === 'wish' || i.offerPoints === undefined, { message: '只有微心愿可以拿出自己的积分', path: ['offerPoints'] })
export type PostVoiceInput = z.input<typeof postInput>

/**
 * One kind: everything members may see (suggestions most supported first; public wishes, newest first); `mine`: what I
 * posted; `taken`: the wishes I took; `queue`: what waits for me as staff (the admin's wishes to check, the grid's
 * hazards, …); `status` narrows any of them.
 */
export const listInput = z.object({
  kind,
  status: z.string().max(20).optional(),
  mine: z.boolean().optional(),
  taken: z.boolean().optional(),
  queue: z.boolean().optional(),
  cursor: cursorInput.optional(),
})

const onePost = z.object({ postId: idInput })
export const getInput = onePost
export const supportInput = onePost
export const takeInput = onePost
export const withdrawInput = z.object({ postId: idInput, note: freeText('原因', 200).optional() })

export const replyInput = z.object({
  postId: idInput,
  text: freeText('回复', 500, { min: 2, minMessage: '请写几句回复', maxMessage: '回复不超过 500 个字' }),
  photos: photos.optional(),
})

const ALL_DECISIONS = [...new Set(Object.values(DECISIONS).flat())] as [string, ...string[]]

/** adopt | close (suggestion), publish | reject (wish), accept | resolve | reject (hazard; resolve takes the "after" photos). */
export const decideInput = z
  .object({
    postId: idInput,
    decision: z.enum(ALL_DECISIONS as ['adopt', 'close', 'publish', 'reject', 'accept', 'resolve'], { message: '办理结果不对' }),
    note: freeText('说明', 300, { maxMessage: '说明不超过 300 个字' }).default(''),
    photos: photos.optional(),
  })
  .refine((i) => !['reject', 'close'].includes(i.decision) || i.note.length >= 2, { message: '请写明原因，居民会看到', path: ['note'] })
  .refine((i) => i.decision !== 'resolve' || (i.photos?.length ?? 0) > 0, { message: '请拍一张处理后的照片', path: ['photos'] })

/** 完成心愿: the taker, with photos of what was done. */
export const fulfilInput = z.object({
  postId: idInput,
  note: freeText('说明', 300, { maxMessage: '说明不超过 300 个字' }).default(''),
  photos: photos.min(1, '请拍一张完成心愿的照片'),
})

/** 确认: the poster (or staff for one without a phone); a wish takes a rating 1–5. */
export const confirmInput = z.object({
  postId: idInput,
  rating: z.number().int('评分是 1 到 5 的整数').min(1, '评分是 1 到 5').max(5, '评分是 1 到 5').optional(),
  note: freeText('说明', 300, { maxMessage: '说明不超过 300 个字' }).default(''),
})

export const summaryInput = z.object({ month: monthInput.optional() })
export const exportInput = z.object({ month: monthInput })
