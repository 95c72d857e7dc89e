import { DomainError } from '../../src/core/errors'
import type { RuleItem } from '../../src/core/rules'
import { disableInput } from '../../src/core/rules.schema'
import { administeredCommunity } from '../_shared/community'
import { action } from '../_shared/handler'
import { type RuleRecord, toRuleItem } from './records'

/**
 * Takes an item out of the catalogue (admin), or puts it back with `enabled: true`. Nothing is deleted:
 * claims that used the item keep reading its name and points.
 */
export const disable = action({
  input: disableInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }): Promise<{ rule: RuleItem }> => {
    const communityId = administeredCommunity(ctx)
    const ref = ctx.db.collection('rules').doc(input.ruleId)
    const current = ((await ref.get()).data as RuleRecord[])[0]
    if (!current || current.communityId !== communityId) throw new DomainError('NOT_FOUND', '没有这个积分条目')
    const enabled = input.enabled ?? false
    if (current.enabled !== enabled) await ref.update({ enabled, updatedAt: ctx.now(), updatedBy: ctx.openid })
    return { rule: toRuleItem({ ...current, enabled }) }
  },
})
