/** The inputs of the user function: who I am, joining with an invite code, and my own data. */
import { z } from 'zod'
import { isInviteCode, normalizeInviteCode } from './invites'
import { noInput, personName, requestIdInput } from './inputs'

export const meInput = noInput

/** The code as a person types it (any case, spaces or dashes), and their name. */
export const joinInput = z.object({
  inviteCode: z.string().max(20).transform(normalizeInviteCode).refine(isInviteCode, '邀请码是 8 位字母和数字'),
  name: personName,
})

export const myDataInput = noInput

export const exportMineInput = noInput

/** A retry (with or without requestId) answers the same request: there is one per membership. */
export const requestDeletionInput = z.object({ requestId: requestIdInput.optional() })

/** 大字模式（长辈模式）: the member's own choice, which from then on wins over the community's 70-and-over default. */
export const setPreferencesInput = z.object({ elderMode: z.boolean() })
