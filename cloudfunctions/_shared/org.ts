/** The org tree as stored: community → grid → courtyard (院落) → household, and the residents in it. */
import { DomainError } from '../../src/core/errors'
import { grantsOver } from '../../src/core/scope'
import type { Role } from '../../src/core/user'
import type { Db } from './cloud'
import type { MemberCtx } from './handler'

export interface OrgNodeRecord {
  _id: string
  type: 'community' | 'grid' | 'courtyard' | 'household'
  name: string
  parentId: string | null
  communityId: string
  /** Ancestors from the community down to this node, itself included. */
  path: string[]
  kind?: string
}

export interface ResidentRecord {
  _id: string
  name: string
  openid: string | null
  communityId: string
  gridId: string
  courtyardId: string
  householdId: string
  suspendedUntil?: string
  /** The black-list entry that suspends until `suspendedUntil`, and its reason (what the app's notice says). */
  suspension?: { listingId: string; reason: string }
  /**
   * `deleted` once the person's own deletion request was carried out (org.processDeletion): anonymised, kept for the ledger.
   * `moved` once the admin registered that they moved away (org.removeResident): out of the tree, kept for the ledger.
   * Either way nobody acts for them any more (people.ts residentInCommunity).
   */
  status?: 'deleted' | 'moved'
  movedAt?: string
  movedReason?: string
  /** Each move to another household (org.moveResident), oldest first: where from, where to, when, by whom. */
  moves?: ResidentMove[]
}

/** One move of a resident (org.moveResident); its requestId makes a retried move happen once. */
export interface ResidentMove {
  requestId: string
  at: string
  by: string
  byName: string
  from: { gridId: string; courtyardId: string; householdId: string }
  to: { gridId: string; courtyardId: string; householdId: string }
}

export async function getNode(db: Db, id: string): Promise<OrgNodeRecord | null> {
  return ((await db.collection('orgNodes').doc(id).get()).data as OrgNodeRecord[])[0] ?? null
}

/** A node of the caller's community that one of `roles` covers; NOT_FOUND for anything else (no hint of other communities). */
export async function nodeInScope(ctx: MemberCtx, id: string, type: OrgNodeRecord['type'], roles: readonly Role[]): Promise<OrgNodeRecord> {
  const node = await getNode(ctx.db, id)
  if (!node || node.type !== type || node.communityId !== ctx.user.communityId) throw new DomainError('NOT_FOUND', '没有找到这个院落或家庭')
  if (grantsOver(ctx.roles, roles, node).length === 0) throw new DomainError('AUTH.FORBIDDEN')
  return node
}
