/** 党员: the admin marks a resident a party member, with the unit that receives their quarterly points report. */
import { setPartyMemberInput } from '../../src/core/org.schema'
import { administeredCommunity } from '../_shared/community'
import { action } from '../_shared/handler'
import { residentInCommunity } from '../_shared/people'

export const setPartyMember = action({
  input: setPartyMemberInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    administeredCommunity(ctx)
    const resident = (await residentInCommunity(ctx, input.residentId)) as Awaited<ReturnType<typeof residentInCommunity>> & { partyMember?: boolean; partyUnit?: string }
    const unit = input.partyMember ? (input.unit ?? resident.partyUnit ?? '') : ''
    await ctx.db.collection('residents').doc(resident._id).update({ partyMember: input.partyMember, partyUnit: unit })
    ctx.audit({ target: { type: 'resident', id: resident._id }, before: { partyMember: !!resident.partyMember, unit: resident.partyUnit ?? '' }, after: { partyMember: input.partyMember, unit } })
    return { resident: { id: resident._id, name: resident.name, partyMember: input.partyMember, unit } }
  },
})
