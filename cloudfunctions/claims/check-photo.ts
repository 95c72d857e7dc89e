import { checkPhotoInput } from '../../src/core/claims.schema'
import { seesInFull, viewerOf } from '../../src/core/visibility'
import { communityOf } from '../_shared/community'
import { firstUseOf } from '../_shared/evidence'
import { action } from '../_shared/handler'
import type { ClaimRecord } from './records'

/**
 * 查重 before submitting: the claim form asks right after each upload whether a claim of this community already used
 * the photo, so the warning stands under the photo before the claim is sent. Only the caller's own uploads (their
 * `evidence/<openid>/` folder, where a proxy's photos go too) are checked, by the rule every write applies
 * (_shared/evidence.ts). Who used it, and on which claim, only to a caller who may see that person (as the
 * duplicates of claims.get); anyone else hears when. Writes nothing.
 */
export const checkPhoto = action({
  input: checkPhotoInput,
  access: 'member',
  handler: async ({ ctx, input }): Promise<{ seenBefore: boolean; at?: string; claimId?: string; residentName?: string }> => {
    const communityId = communityOf(ctx)
    const use = await firstUseOf(ctx.db, input.fileID, { owners: [ctx.openid], communityId })
    if (!use) return { seenBefore: false }
    const other = ((await ctx.db.collection('claims').doc(use.claimId).get()).data as ClaimRecord[])[0]
    const named =
      !!other &&
      other.communityId === communityId &&
      seesInFull(viewerOf(ctx), { kind: 'person', name: use.residentName, communityId: other.communityId, gridId: other.gridId, courtyardId: other.courtyardId, residentId: other.residentId })
    return { seenBefore: true, at: use.at, ...(named ? { claimId: use.claimId, residentName: use.residentName } : {}) }
  },
})
