import { DomainError } from '../../src/core/errors'
import { toTenths } from '../../src/core/points'
import type { RuleItem } from '../../src/core/rules'
import { saveInput } from '../../src/core/rules.schema'
import { administeredCommunity } from '../_shared/community'
import { action } from '../_shared/handler'
import { type CategoryRecord, type RuleRecord, toRuleItem } from './records'
import { derivedId } from '../_shared/ids'
import { createCategory } from './categories'

/**
 * Creates or changes an item of the catalogue (admin). A change applies to claims made after it:
 * a claim keeps the points and name it was made with. A retried create with the same requestId
 * writes the same item once.
 */
export const save = action({
  input: saveInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }): Promise<{ rule: RuleItem; categoryId: string }> => {
    const communityId = administeredCommunity(ctx)
    const { db } = ctx

    let categoryId = input.categoryId
    if (categoryId) {
      const category = ((await db.collection('ruleCategories').doc(categoryId).get()).data as CategoryRecord[])[0]
      if (!category || category.communityId !== communityId) throw new DomainError('NOT_FOUND', '没有这个类别')
    } else {
      // The one way a category is made (categories.ts): a retried requestId lands on the same one; a name the community
      // has already is that category (names are unique).
      categoryId = (await createCategory(ctx, communityId, input.categoryName!, input.requestId, 'reuse'))._id
    }

    const fields = {
      communityId,
      categoryId,
      name: input.name,
      pointsTenths: toTenths(input.points),
      photosRequired: input.photosRequired,
      capPerMonth: input.capPerMonth,
    }
    // One item per sign: giving it here takes it from the item that had it.
    const purpose = input.purpose === undefined ? {} : { purpose: input.purpose }
    if (input.purpose) await db.collection('rules').where({ communityId, purpose: input.purpose }).update({ purpose: null })
    let id = input.id
    if (id) {
      const current = ((await db.collection('rules').doc(id).get()).data as RuleRecord[])[0]
      if (!current || current.communityId !== communityId) throw new DomainError('NOT_FOUND', '没有这个积分条目')
      await db.collection('rules').doc(id).update({ ...fields, ...purpose, updatedAt: ctx.now(), updatedBy: ctx.openid })
    } else {
      id = input.requestId ? idFor('rule', communityId, input.requestId) : undefined
      const order = (await db.collection('rules').where({ communityId, categoryId }).count()).total
      const record = { ...fields, ...purpose, enabled: true, order, createdAt: ctx.now(), createdBy: ctx.openid }
      if (id) {
        const existing = ((await db.collection('rules').doc(id).get()).data as RuleRecord[])[0]
        if (!existing) await db.collection('rules').doc(id).set(record)
      } else {
        id = (await db.collection('rules').add(record)).id as string
      }
    }
    const saved = ((await db.collection('rules').doc(id).get()).data as RuleRecord[])[0]
    return { rule: toRuleItem(saved), categoryId }
  },
})

/** A stable id for a retried create: the same community and request give the same document. */
function idFor(prefix: string, communityId: string, key: string): string {
  return derivedId(prefix, communityId, key)
}
