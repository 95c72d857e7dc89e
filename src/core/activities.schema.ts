/** The inputs of the activities function (活动、志愿服务队), as the function validates them and the forms check them. */
import { z } from 'zod'
import { cursorInput, freeText, idInput, isoDateTime, parseDateTime, pointsInput, requestIdInput, shortLabel } from './inputs'
import { isCodeShape, normalizeCode } from './shop'

const photos = z.array(z.string().min(1).max(512)).max(9, '照片最多 9 张')
const at = (text: string) => parseDateTime(text)?.getTime() ?? 0

/** 发布 (no `id`; a retried `requestId` makes one) or a change of one. */
export const saveInput = z
  .object({
    id: idInput.optional(),
    title: shortLabel('活动名称', 30, { minMessage: '活动名称至少 2 个字', maxMessage: '活动名称不超过 30 个字' }),
    description: freeText('活动介绍', 500, { maxMessage: '活动介绍不超过 500 个字' }).default(''),
    place: shortLabel('地点', 60, { minMessage: '请写明地点', maxMessage: '地点不超过 60 个字' }),
    startAt: isoDateTime('请选择开始时间'),
    endAt: isoDateTime('请选择结束时间'),
    signupUntil: isoDateTime('请选择报名截止时间').optional(),
    capacity: z.number().int('名额是整数').min(1, '名额至少 1 个').max(10_000, '名额不超过 10000').optional(),
    points: pointsInput(1000),
    teamId: idInput.optional(),
    partyProject: z.boolean().optional(),
    photos: photos.optional(),
    requestId: requestIdInput,
  })
  .refine((i) => at(i.endAt) > at(i.startAt), { message: '结束时间要晚于开始时间', path: ['endAt'] })
  .refine((i) => !i.signupUntil || at(i.signupUntil) <= at(i.startAt), { message: '报名截止时间不能晚于开始时间', path: ['signupUntil'] })
export type SaveActivityInput = z.input<typeof saveInput>

/** Upcoming (not ended yet, soonest first) or past (newest first); `mine`: those I signed up for; `partyProject`: party projects only. */
export const listInput = z.object({
  when: z.enum(['upcoming', 'past']).optional(),
  mine: z.boolean().optional(),
  partyProject: z.boolean().optional(),
  cursor: cursorInput.optional(),
})

const oneActivity = z.object({ activityId: idInput })
export const getInput = oneActivity
export const signupInput = z.object({ activityId: idInput, requestId: requestIdInput.optional() })
export const cancelSignupInput = signupInput
/** A fresh check-in code for the organiser's screen. */
export const checkinCodeInput = oneActivity
export const finishInput = oneActivity
export const exportAttendanceInput = oneActivity

/** 签到: what the resident scanned or typed (spaces, dashes and a "SZJF:" prefix are dropped). */
export const checkinInput = z.object({
  code: z.string().max(64).transform(normalizeCode).refine(isCodeShape, '签到码是 16 位数字'),
})

/** 代签到: the organiser checks in a resident without a phone. */
export const checkinForInput = z.object({ activityId: idInput, residentId: idInput })

// ---- teams

export const teamsInput = z.object({})

export const saveTeamInput = z.object({
  id: idInput.optional(),
  name: shortLabel('队名', 20, { minMessage: '队名至少 2 个字', maxMessage: '队名不超过 20 个字' }),
  description: freeText('介绍', 200, { maxMessage: '介绍不超过 200 个字' }).default(''),
  /** The leader: a resident of the community (a member of the team from then on). */
  leaderId: idInput,
  requestId: requestIdInput.optional(),
})

export const joinTeamInput = z.object({ teamId: idInput })
export const leaveTeamInput = joinTeamInput
