/** The inputs of the org function: the org tree, people and roles, invites, party members, settings and deletions. */
import { z } from 'zod'
import { settingsSchema } from './governance'
import { freeText, idInput, noInput, personName, requestIdInput, shortLabel } from './inputs'
import { DELETION_STATUSES } from './privacy'
import { ROLES } from './user'

export const treeInput = noInput

/** A new grid, courtyard or household (no `id`; a retried `requestId` makes one), or a new name for one. */
export const saveNodeInput = z.object({
  id: idInput.optional(),
  type: z.enum(['grid', 'courtyard', 'household']),
  parentId: idInput,
  name: shortLabel('名称', 30, { minMessage: '名称至少两个字' }),
  kind: z.enum(['院落', '小区', '楼栋']).optional(),
  requestId: requestIdInput.optional(),
})

const roleInput = z.object({ openid: idInput, role: z.enum(ROLES), nodeId: idInput })
export const assignRoleInput = roleInput
export const revokeRoleInput = roleInput

/** A resident without a phone, added to a household (代申报 needs them). */
export const addResidentInput = z.object({
  householdId: idInput,
  name: personName,
  birthYear: z.number().int().min(1900).max(2100).optional(),
  requestId: requestIdInput,
})

export const issueInviteInput = z.object({
  courtyardId: idInput,
  /** Join an existing household; without it, each use creates a new household in the courtyard. */
  householdId: idInput.optional(),
  maxUses: z.number().int().min(1).max(20).default(1),
  days: z.number().int().min(1).max(90).default(14),
})

export const settingsInput = noInput

/** Only what changes; at least one setting. */
export const updateSettingsInput = settingsSchema.partial().refine((s) => Object.keys(s).length > 0, '请至少修改一项设置')

export const setPartyMemberInput = z.object({
  residentId: idInput,
  partyMember: z.boolean(),
  unit: shortLabel('单位名称', 40, { min: 0, maxMessage: '单位名称不超过 40 个字' }).optional(),
})

export const deletionRequestsInput = z.object({ status: z.enum(DELETION_STATUSES).optional() })

export const processDeletionInput = z.object({ deletionId: idInput })

/** 迁户: a resident moves to another household (of another courtyard, maybe) of the same community. */
export const moveResidentInput = z.object({ residentId: idInput, householdId: idInput, requestId: requestIdInput })

/** 登记搬走: a resident who moved away, with the reason (kept on their record). */
export const removeResidentInput = z.object({
  residentId: idInput,
  reason: freeText('搬走的原因', 100, { min: 2, minMessage: '请写下搬走的原因（至少两个字）' }),
  requestId: requestIdInput,
})
