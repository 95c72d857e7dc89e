/** Residents, who may review their claims, and who may act for them. */
import { DomainError } from '../../src/core/errors'
import { grantsOver } from '../../src/core/scope'
import type { Role } from '../../src/core/user'
import type { Db } from './cloud'
import type { MemberCtx, RoleRecord, UserRecord } from './handler'
import type { Placement } from './ledger'
import type { OrgNodeRecord, ResidentRecord } from './org'

export const residentPath = (r: Pick<ResidentRecord, 'communityId' | 'gridId' | 'courtyardId' | 'householdId'>) => [r.communityId, r.gridId, r.courtyardId, r.householdId]

export async function getResident(db: Db, id: string): Promise<ResidentRecord | null> {
  return ((await db.collection('residents').doc(id).get()).data as ResidentRecord[])[0] ?? null
}

/**
 * A resident of the caller's community, or NOT_FOUND (never a hint about other communities). A person whose data was
 * deleted (or who moved away) is only a name in the ledger now: nobody acts for them (claims, adjustments, roles), but `readOnly` lookups,
 * such as their ledger for an audit, still find them.
 */
export async function residentInCommunity(ctx: MemberCtx, id: string, options: { readOnly?: boolean } = {}): Promise<ResidentRecord> {
  const resident = await getResident(ctx.db, id)
  if (!resident || resident.communityId !== ctx.user.communityId) throw new DomainError('NOT_FOUND', '没有找到这位居民')
  if (resident.status && !options.readOnly) throw new DomainError('NOT_FOUND', resident.status === 'moved' ? '这位居民已经搬走，不能再为他办理' : '这位居民的信息已注销，不能再为他办理')
  return resident
}

/** Whether the caller holds one of `roles` over the resident's place in the tree. */
export function actsFor(ctx: MemberCtx, resident: ResidentRecord, roles: readonly Role[]): boolean {
  return grantsOver(ctx.roles, roles, { path: residentPath(resident) }).length > 0
}

/** The users holding `role` over exactly `nodeId` (the heads of a courtyard, the grid workers of a grid). */
export async function holdersOf(db: Db, role: Role, nodeId: string): Promise<UserRecord[]> {
  const users = (await db.collection('users').where({ 'roles.nodeId': nodeId }).limit(100).get()).data as UserRecord[]
  return users.filter((u) => (u.roles ?? []).some((r: RoleRecord) => r.role === role && r.nodeId === nodeId))
}

/** Where a resident stands, with the names a ledger entry keeps (two reads: their courtyard and household). */
export async function placementOf(db: Db, resident: ResidentRecord): Promise<Placement> {
  const [courtyard, household] = await Promise.all([db.collection('orgNodes').doc(resident.courtyardId).get(), db.collection('orgNodes').doc(resident.householdId).get()])
  return {
    communityId: resident.communityId,
    gridId: resident.gridId,
    courtyardId: resident.courtyardId,
    householdId: resident.householdId,
    residentId: resident._id,
    residentName: resident.name,
    courtyardName: (courtyard.data as OrgNodeRecord[])[0]?.name ?? '',
    householdName: (household.data as OrgNodeRecord[])[0]?.name ?? '',
  }
}

/** The residents of a community who moved away (org.removeResident): the rankings leave them out from then on. */
export async function movedAway(db: Db, communityId: string): Promise<Set<string>> {
  const rows = (await db.collection('residents').where({ communityId, status: 'moved' }).limit(1000).get()).data as { _id: string }[]
  return new Set(rows.map((r) => r._id))
}
