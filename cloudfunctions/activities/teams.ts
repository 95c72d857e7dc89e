/** 志愿服务队 (政策宣传、文明督导、卫生整治…): the admin sets one up with a leader; members join and leave. */
import { joinTeamInput, leaveTeamInput, saveTeamInput, teamsInput } from '../../src/core/activities.schema'
import { DomainError } from '../../src/core/errors'
import { transaction } from '../_shared/cloud'
import { administeredCommunity } from '../_shared/community'
import { type MemberCtx, action } from '../_shared/handler'
import { derivedId } from '../_shared/ids'
import { residentInCommunity } from '../_shared/people'
import { type TeamRecord, toTeam } from './records'

const MAX_MEMBERS = 500

const teams = action({
  input: teamsInput,
  access: 'member',
  handler: async ({ ctx }) => {
    const rows = (await ctx.db.collection('teams').where({ communityId: ctx.user.communityId }).limit(200).get()).data as TeamRecord[]
    return { items: rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((t) => toTeam(t, ctx)) }
  },
})

/** A new team (a retried `requestId` makes one) or a change of one; the leader is a member from then on. */
const saveTeam = action({
  input: saveTeamInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const communityId = administeredCommunity(ctx)
    const leader = await residentInCommunity(ctx, input.leaderId)
    const iso = ctx.now().toISOString()
    const id = input.id ?? derivedId('team', `${communityId}:${ctx.openid}`, input.requestId)
    const team = await transaction(ctx.db, async (tx) => {
      const current = ((await tx.collection('teams').doc(id).get()).data ?? null) as TeamRecord | null
      if (input.id && (!current || current.communityId !== communityId)) throw new DomainError('NOT_FOUND', '没有找到这支队伍')
      // A retried create finds its team made: it answers it as it is.
      if (!input.id && current) return current
      const memberIds = [...new Set([...(current?.memberIds ?? []), leader._id])]
      const record: TeamRecord = {
        _id: id,
        communityId,
        name: input.name,
        description: input.description,
        leaderId: leader._id,
        leaderName: leader.name,
        memberIds,
        createdAt: current?.createdAt ?? iso,
        updatedAt: iso,
      }
      const { _id, ...fields } = record
      await tx.collection('teams').doc(_id).set(fields)
      return record
    })
    ctx.audit({ target: { type: 'team', id: team._id }, after: { name: team.name, leaderId: team.leaderId } })
    return { team: toTeam(team, ctx) }
  },
})

/** Adds or removes the caller, inside one transaction (two joining at once both stay). */
async function changeMembership(ctx: MemberCtx, teamId: string, join: boolean) {
  const residentId = ctx.user.residentId
  if (!residentId) throw new DomainError('AUTH.FORBIDDEN', '只有登记的居民可以加入队伍')
  const team = await transaction(ctx.db, async (tx) => {
    const current = ((await tx.collection('teams').doc(teamId).get()).data ?? null) as TeamRecord | null
    if (!current || current.communityId !== ctx.user.communityId) throw new DomainError('NOT_FOUND', '没有找到这支队伍')
    const has = current.memberIds.includes(residentId)
    if (has === join) return current
    if (!join && current.leaderId === residentId) throw new DomainError('INPUT.INVALID', '您是这支队伍的队长，请先请社区换一位队长再退出')
    if (join && current.memberIds.length >= MAX_MEMBERS) throw new DomainError('INPUT.INVALID', `这支队伍已经有 ${MAX_MEMBERS} 人了`)
    const memberIds = join ? [...current.memberIds, residentId] : current.memberIds.filter((m) => m !== residentId)
    await tx.collection('teams').doc(teamId).update({ memberIds, updatedAt: ctx.now().toISOString() })
    return { ...current, memberIds }
  })
  return { team: toTeam(team, ctx) }
}

const joinTeam = action({ input: joinTeamInput, access: 'member', handler: ({ ctx, input }) => changeMembership(ctx, input.teamId, true) })
const leaveTeam = action({ input: leaveTeamInput, access: 'member', handler: ({ ctx, input }) => changeMembership(ctx, input.teamId, false) })

export const teamActions = { teams, saveTeam, joinTeam, leaveTeam }
