import { DomainError } from '../../src/core/errors'
import { treeInput } from '../../src/core/org.schema'
import { readAll } from '../_shared/cloud'
import { isAdminOf } from '../_shared/community'
import { action, type UserRecord } from '../_shared/handler'
import type { OrgNodeRecord, ResidentRecord } from '../_shared/org'

export interface TreeNode {
  id: string
  type: OrgNodeRecord['type']
  name: string
  kind?: string
  /** Names of the people holding a role here (heads of a courtyard, grid workers of a grid). */
  holders: { openid: string; name: string; role: string }[]
  children: TreeNode[]
  /** A resident's openid is there when they have joined with a phone: the admin needs it to give them a role. */
  residents?: { id: string; name: string; hasPhone: boolean; openid?: string; partyMember?: boolean; partyUnit?: string }[]
}

/**
 * The org tree of the caller's community, for its admin; a head or grid worker gets the part they
 * hold a role over. Households carry their residents (a courtyard has tens, a community hundreds).
 */
export const tree = action({
  input: treeInput,
  access: ['admin', 'grid', 'head'],
  handler: async ({ ctx }): Promise<{ root: TreeNode }> => {
    const communityId = ctx.user.communityId!
    const { db } = ctx
    const fetchAll = <T>(collection: string, where: Record<string, unknown>) => readAll<T>(db, collection, where)
    const [nodes, residents, holders] = await Promise.all([
      fetchAll<OrgNodeRecord>('orgNodes', { communityId }),
      fetchAll<ResidentRecord & { hasPhone?: boolean; partyMember?: boolean; partyUnit?: string }>('residents', { communityId }),
      db.collection('users').where({ communityId, 'roles.0': db.command.exists(true) }).limit(1000).get(),
    ])
    const byParent = new Map<string | null, OrgNodeRecord[]>()
    for (const n of nodes) byParent.set(n.parentId, [...(byParent.get(n.parentId) ?? []), n])
    const roleHolders = holders.data as UserRecord[]
    const build = (n: OrgNodeRecord): TreeNode => ({
      id: n._id,
      type: n.type,
      name: n.name,
      ...(n.kind ? { kind: n.kind } : {}),
      holders: roleHolders.flatMap((u) => (u.roles ?? []).filter((r) => r.nodeId === n._id).map((r) => ({ openid: u._id, name: u.name, role: r.role }))),
      children: (byParent.get(n._id) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'zh')).map(build),
      ...(n.type === 'household'
        ? { residents: residents
              // One who moved away (org.removeResident) is no longer anyone's to act for: only their ledger keeps them.
              .filter((r) => r.householdId === n._id && r.status !== 'moved')
              .map((r) => ({
                id: r._id,
                name: r.name,
                hasPhone: r.hasPhone !== false && !!r.openid,
                ...(r.openid ? { openid: r.openid } : {}),
                ...(r.partyMember ? { partyMember: true, partyUnit: r.partyUnit ?? '' } : {}),
              })) }
        : {}),
    })
    const community = nodes.find((n) => n._id === communityId)
    if (!community) throw new DomainError('NOT_FOUND', '找不到社区')
    // The admin sees everything; a head or grid worker sees the subtree they hold a role over.
    if (isAdminOf(ctx, communityId)) return { root: build(community) }
    const own = nodes.find((n) => ctx.roles.some((r) => r.nodeId === n._id && (r.role === 'grid' || r.role === 'head')))
    if (!own) throw new DomainError('AUTH.FORBIDDEN')
    return { root: build(own) }
  },
})
