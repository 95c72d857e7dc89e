import { z } from 'zod'

/** Roles are held over an org node (or, for a merchant clerk, over the merchant); authority covers its subtree. */
export const ROLES = ['head', 'grid', 'admin', 'merchant'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_NAMES: Record<Role, string> = {
  head: '院长',
  grid: '网格员',
  admin: '社区工作小组',
  merchant: '商家店员',
}

export const roleGrantSchema = z.object({
  role: z.enum(ROLES),
  nodeId: z.string(),
  /** The name of the node the role is held over (a courtyard, a grid, the community, a merchant). */
  nodeName: z.string().optional(),
})
export type RoleGrant = z.infer<typeof roleGrantSchema>

/** What `user.me` answers: who the caller is and where they stand in the org tree. */
export const meSchema = z.object({
  openid: z.string(),
  name: z.string(),
  roles: z.array(roleGrantSchema),
  residentId: z.string().nullable(),
  householdId: z.string().nullable(),
  courtyardId: z.string().nullable(),
  gridId: z.string().nullable(),
  communityId: z.string().nullable(),
  merchantId: z.string().optional(),
  suspendedUntil: z.string().optional(),
  /** Why (the black-list entry's reason) and which entry (a listing id, to object to it) suspends until then. */
  suspensionReason: z.string().optional(),
  suspendedBy: z.string().optional(),
  communityName: z.string().nullable(),
  courtyardName: z.string().nullable(),
  householdName: z.string().nullable(),
  /** 大字模式（长辈模式） in force for the caller: their own choice, else the community's default for 70 and over. */
  elderMode: z.boolean(),
  /** Whether the caller chose it (on or off) themselves. */
  elderModeChosen: z.boolean(),
})
export type Me = z.infer<typeof meSchema>

/** The age from which a community may turn 长辈模式 on by default (settings.elderModeFrom70). */
export const ELDER_AGE = 70

/**
 * 长辈模式 in force: the person's own choice when they made one; otherwise on when the community says so and they are
 * 70 or more this year (`year` in Asia/Shanghai; no birth year registered: not defaulted).
 */
export function elderModeFor(chosen: boolean | undefined, from70: boolean, birthYear: number | null | undefined, year: number): boolean {
  if (typeof chosen === 'boolean') return chosen
  return from70 && typeof birthYear === 'number' && year - birthYear >= ELDER_AGE
}
