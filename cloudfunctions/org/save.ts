import { DomainError } from '../../src/core/errors'
import { addResidentInput, assignRoleInput, revokeRoleInput, saveNodeInput } from '../../src/core/org.schema'
import { transaction } from '../_shared/cloud'
import { administeredCommunity } from '../_shared/community'
import { action, type RoleRecord, type UserRecord } from '../_shared/handler'
import { getNode, nodeInScope, type OrgNodeRecord } from '../_shared/org'
import { derivedId } from '../_shared/ids'
import { admit, screen } from '../_shared/screening'

const PARENT_TYPE = { grid: 'community', courtyard: 'grid', household: 'courtyard' } as const

/** Creates a grid, courtyard (院落/小区/楼栋) or household under its parent, or renames one (admin). */
export const saveNode = action({
  input: saveNodeInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }): Promise<{ node: OrgNodeRecord }> => {
    const communityId = administeredCommunity(ctx)
    // A household is named after people: every name is screened, beside the reads.
    const screening = screen(ctx.openid, 'profile', { texts: { 名称: input.name } }, ctx.now())
    const parent = await getNode(ctx.db, input.parentId)
    if (!parent || parent.communityId !== communityId || parent.type !== PARENT_TYPE[input.type]) throw new DomainError('NOT_FOUND', '上级不存在或类型不对')
    const screeningRecord = admit(await screening)
    const now = ctx.now().toISOString()
    if (input.id) {
      const current = await getNode(ctx.db, input.id)
      if (!current || current.communityId !== communityId || current.type !== input.type) throw new DomainError('NOT_FOUND', '没有找到要修改的节点')
      if (current.parentId !== parent._id) throw new DomainError('INPUT.INVALID', '不能移动到别的上级（请新建后迁移居民）')
      await ctx.db.collection('orgNodes').doc(current._id).update({ name: input.name, ...(input.kind ? { kind: input.kind } : {}), screening: screeningRecord ? ctx.db.command.set(screeningRecord) : ctx.db.command.remove(), updatedAt: now })
      return { node: { ...current, name: input.name, ...(input.kind ? { kind: input.kind } : {}) } }
    }
    // One write with the path in it: a retried create (same requestId) names the same node.
    const id = derivedId(input.type, communityId, input.requestId, 20)
    const existing = await getNode(ctx.db, id)
    if (existing) return { node: existing }
    const node = {
      type: input.type,
      name: input.name,
      parentId: parent._id,
      communityId,
      path: [...parent.path, id],
      ...(input.type === 'courtyard' ? { kind: input.kind ?? '院落' } : {}),
      ...(screeningRecord ? { screening: screeningRecord } : {}),
      createdAt: now,
    }
    await ctx.db.collection('orgNodes').doc(id).set(node)
    return { node: { _id: id, ...node } as OrgNodeRecord }
  },
})

const NODE_OF_ROLE = { head: 'courtyard', grid: 'grid', admin: 'community' } as const

/** Checks that a role fits its node: a head over a courtyard, a grid worker over a grid, an admin over the community, a clerk over a merchant. */
async function checkRoleNode(ctx: Parameters<typeof assignRole.handler>[0]['ctx'], communityId: string, role: RoleRecord['role'], nodeId: string) {
  if (role === 'merchant') {
    const merchant = ((await ctx.db.collection('merchants').doc(nodeId).get()).data as { communityId: string }[])[0]
    if (!merchant || merchant.communityId !== communityId) throw new DomainError('NOT_FOUND', '没有这个商家')
    return
  }
  const node = await getNode(ctx.db, nodeId)
  if (!node || node.communityId !== communityId || node.type !== NODE_OF_ROLE[role]) throw new DomainError('NOT_FOUND', '没有找到这个节点，或角色与节点不相配')
}

/** Gives a member a role over a node of the community (admin). Assigning a role they hold changes nothing. */
export const assignRole = action({
  input: assignRoleInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }): Promise<{ roles: RoleRecord[] }> => {
    const communityId = administeredCommunity(ctx)
    await checkRoleNode(ctx, communityId, input.role, input.nodeId)
    const roles = await transaction(ctx.db, async (tx) => {
      const user = (await tx.collection('users').doc(input.openid).get()).data as UserRecord | null
      if (!user || user.communityId !== communityId) throw new DomainError('NOT_FOUND', '这个人还没有加入本社区')
      const current = user.roles ?? []
      if (current.some((r) => r.role === input.role && r.nodeId === input.nodeId)) return current
      const next = [...current, { role: input.role, nodeId: input.nodeId }]
      await tx.collection('users').doc(input.openid).update({ roles: next, ...(input.role === 'merchant' ? { merchantId: input.nodeId } : {}) })
      return next
    })
    return { roles }
  },
})

/** Takes a role back (admin). An admin cannot take away their own admin role (someone must remain). */
export const revokeRole = action({
  input: revokeRoleInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }): Promise<{ roles: RoleRecord[] }> => {
    const communityId = administeredCommunity(ctx)
    if (input.openid === ctx.openid && input.role === 'admin') throw new DomainError('INPUT.INVALID', '不能撤销自己的管理员角色')
    const roles = await transaction(ctx.db, async (tx) => {
      const user = (await tx.collection('users').doc(input.openid).get()).data as UserRecord | null
      if (!user || user.communityId !== communityId) throw new DomainError('NOT_FOUND', '这个人不在本社区')
      const next = (user.roles ?? []).filter((r) => !(r.role === input.role && r.nodeId === input.nodeId))
      if (next.length !== (user.roles ?? []).length) await tx.collection('users').doc(input.openid).update({ roles: next })
      return next
    })
    return { roles }
  },
})

/** Adds a resident who has no phone to a household, so a head or grid worker can claim for them (代申报). */
export const addResident = action({
  input: addResidentInput,
  access: ['admin', 'head', 'grid'],
  audit: true,
  handler: async ({ ctx, input }) => {
    // The name is screened beside the reads below.
    const screening = screen(ctx.openid, 'profile', { texts: { 姓名: input.name } }, ctx.now())
    const household = await nodeInScope(ctx, input.householdId, 'household', ['admin', 'head', 'grid'])
    const [communityId, gridId, courtyardId] = household.path
    const id = derivedId('r', communityId, input.requestId, 20)
    const existing = ((await ctx.db.collection('residents').doc(id).get()).data as { _id: string }[])[0]
    if (!existing) {
      const screeningRecord = admit(await screening)
      await ctx.db.collection('residents').doc(id).set({
        name: input.name,
        openid: null,
        communityId,
        gridId,
        courtyardId,
        householdId: household._id,
        ...(input.birthYear ? { birthYear: input.birthYear } : {}),
        hasPhone: false,
        addedBy: ctx.openid,
        ...(screeningRecord ? { screening: screeningRecord } : {}),
        createdAt: ctx.now().toISOString(),
      })
    }
    return { resident: { id, name: input.name, householdId: household._id, hasPhone: false } }
  },
})
