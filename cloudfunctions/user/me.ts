import { DomainError } from '../../src/core/errors'
import { yearKey } from '../../src/core/period'
import { elderModeFor, type Me } from '../../src/core/user'
import { meInput } from '../../src/core/user.schema'
import { action, type MemberCtx } from '../_shared/handler'
import { readSettings } from '../_shared/settings'
import type { Preferences } from './preferences'

interface ResidentRecord {
  _id: string
  name: string
  householdId: string
  courtyardId: string
  gridId: string
  communityId: string
  suspendedUntil?: string
  suspension?: { listingId: string; reason: string }
  birthYear?: number
}

interface OrgNodeRecord {
  _id: string
  name: string
}

/** Who the caller is and where they stand: account, roles, and their place in the org tree. */
export async function describeMember(ctx: MemberCtx): Promise<Me> {
  const { db, user, roles } = ctx
  const resident = user.residentId
    ? (((await db.collection('residents').doc(user.residentId).get()).data as ResidentRecord[])[0] ?? null)
    : null
  if (user.residentId && !resident) throw new DomainError('NOT_FOUND', '找不到您的居民档案，请联系社区')

  const nodeIds = [
    ...new Set(
      [resident?.communityId ?? user.communityId, resident?.courtyardId, resident?.householdId, ...roles.map((r) => r.nodeId)].filter(
        (id): id is string => typeof id === 'string',
      ),
    ),
  ]
  const _ = db.command
  const names = new Map<string, string>()
  // 长辈模式: the member's own choice, else the community's default for 70 and over (its settings read only then, beside the names).
  const chosen = (user as { preferences?: Preferences }).preferences?.elderMode
  const settings = typeof chosen !== 'boolean' && resident ? readSettings(db, resident.communityId) : null
  if (nodeIds.length > 0) {
    const [nodes, merchants] = await Promise.all([
      db.collection('orgNodes').where({ _id: _.in(nodeIds) }).limit(100).get(),
      db.collection('merchants').where({ _id: _.in(nodeIds) }).limit(100).get(),
    ])
    for (const n of [...(nodes.data as OrgNodeRecord[]), ...(merchants.data as OrgNodeRecord[])]) names.set(n._id, n.name)
  }

  const communityId = resident?.communityId ?? user.communityId ?? null
  const merchantId = user.merchantId ?? roles.find((r) => r.role === 'merchant')?.nodeId
  const from70 = settings ? (await settings).elderModeFrom70 : false
  const elderMode = elderModeFor(chosen, from70, resident?.birthYear, Number(yearKey(ctx.now())))
  const suspended = resident?.suspendedUntil && resident.suspendedUntil > ctx.now().toISOString() ? resident.suspendedUntil : undefined
  return {
    openid: user._id,
    name: user.name,
    roles: roles.map((r) => ({ role: r.role, nodeId: r.nodeId, nodeName: names.get(r.nodeId) })),
    residentId: resident?._id ?? null,
    householdId: resident?.householdId ?? null,
    courtyardId: resident?.courtyardId ?? null,
    gridId: resident?.gridId ?? null,
    communityId,
    // A clerk bound by an invite has it on the account; one given the role by the admin has it in the role.
    ...(merchantId ? { merchantId } : {}),
    ...(suspended ? { suspendedUntil: suspended, ...(resident?.suspension ? { suspensionReason: resident.suspension.reason, suspendedBy: resident.suspension.listingId } : {}) } : {}),
    communityName: communityId ? (names.get(communityId) ?? null) : null,
    courtyardName: resident ? (names.get(resident.courtyardId) ?? null) : null,
    householdName: resident ? (names.get(resident.householdId) ?? null) : null,
    elderMode,
    elderModeChosen: typeof chosen === 'boolean',
  }
}

export const me = action({
  input: meInput,
  access: 'member',
  handler: async ({ ctx }) => describeMember(ctx),
})
