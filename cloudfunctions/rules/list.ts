import { DomainError } from '../../src/core/errors'
import type { RuleCategory } from '../../src/core/rules'
import { listInput } from '../../src/core/rules.schema'
import { communityOf, isAdminOf } from '../_shared/community'
import { action } from '../_shared/handler'
import { type CategoryRecord, type RuleRecord, toRuleItem } from './records'

/** The catalogue of the caller's community; disabled items only for its admin, on request. */
export const list = action({
  input: listInput,
  access: 'member',
  handler: async ({ ctx, input }): Promise<{ categories: RuleCategory[] }> => {
    const communityId = communityOf(ctx)
    if (input.includeDisabled && !isAdminOf(ctx, communityId)) throw new DomainError('AUTH.FORBIDDEN', '只有工作小组可以查看已停用的条目')
    const [categories, rules] = await Promise.all([
      ctx.db.collection('ruleCategories').where({ communityId }).orderBy('order', 'asc').limit(1000).get(),
      ctx.db.collection('rules').where({ communityId }).orderBy('order', 'asc').limit(1000).get(),
    ])
    const items = (rules.data as RuleRecord[]).filter((r) => r.enabled || input.includeDisabled)
    return {
      categories: (categories.data as CategoryRecord[]).map((c) => ({
        id: c._id,
        name: c.name,
        items: items.filter((r) => r.categoryId === c._id).map(toRuleItem),
      })),
    }
  },
})
