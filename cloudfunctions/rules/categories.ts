/**
 * The catalogue's categories (类别), kept by the admin: add, rename, move up or down, take out an empty one; and the
 * order of the items within a category. A rename changes the catalogue only: claims and ledger entries keep the
 * names they were made with. The order of categories (and of the items of a category) stays 0..n-1.
 */
import { DomainError } from '../../src/core/errors'
import type { CatalogueEntry } from '../../src/core/rules'
import { moveCategoryInput, moveRuleInput, removeCategoryInput, saveCategoryInput } from '../../src/core/rules.schema'
import { type Db, transaction } from '../_shared/cloud'
import { administeredCommunity } from '../_shared/community'
import { action, type MemberCtx } from '../_shared/handler'
import { derivedId } from '../_shared/ids'
import type { CategoryRecord, RuleRecord } from './records'

type Placed = { _id: string; name: string; order: number; createdAt?: string }

/** In their catalogue order; a tie (orders written before they were kept dense) goes by age, then id. */
const byPlace = (a: Placed, b: Placed) => a.order - b.order || String(a.createdAt ?? '').localeCompare(String(b.createdAt ?? '')) || a._id.localeCompare(b._id)

const entry = (r: Placed, order: number): CatalogueEntry => ({ id: r._id, name: r.name, order })

async function categoriesOf(db: Db, communityId: string): Promise<CategoryRecord[]> {
  const found = (await db.collection('ruleCategories').where({ communityId }).limit(1000).get()).data as CategoryRecord[]
  return found.sort(byPlace)
}

async function categoryOf(db: Db, communityId: string, categoryId: string): Promise<CategoryRecord> {
  const category = ((await db.collection('ruleCategories').doc(categoryId).get()).data as CategoryRecord[])[0]
  if (!category || category.communityId !== communityId) throw new DomainError('NOT_FOUND', '没有这个类别')
  return category
}

function refuseTaken(categories: CategoryRecord[], name: string, except?: string): void {
  if (categories.some((c) => c.name === name && c._id !== except)) throw new DomainError('INPUT.INVALID', `已经有叫「${name}」的类别了，请换一个名称`)
}

/**
 * Adds a category at the end of the catalogue: the one way a category is created (rules.saveCategory, and rules.save
 * with a new category's name). Its id derives from the community and the requestId (without one, from the name), so a
 * retried add finds the first one's category instead of adding another. A name another category has is refused, or
 * with `ifTaken: 'reuse'` (rules.save: an item "in a new category 人居环境") answers that category: names stay unique.
 */
export async function createCategory(
  ctx: MemberCtx,
  communityId: string,
  name: string,
  requestId: string | undefined,
  ifTaken: 'refuse' | 'reuse' = 'refuse',
): Promise<CategoryRecord> {
  const { db } = ctx
  const derived = derivedId('cat', communityId, requestId ?? name)
  const existing = ((await db.collection('ruleCategories').doc(derived).get()).data as CategoryRecord[])[0]
  // A retry (or, without a requestId, the same name again) lands on the category already made.
  if (existing && (requestId !== undefined || existing.name === name)) return existing
  const categories = await categoriesOf(db, communityId)
  const taken = categories.find((c) => c.name === name)
  if (taken && ifTaken === 'reuse') return taken
  refuseTaken(categories, name)
  // Without a requestId, a category named so once and renamed since holds the derived id: this one takes a fresh one.
  const id = existing ? derivedId('cat', communityId, undefined) : derived
  const order = categories.reduce((last, c) => Math.max(last, c.order + 1), 0)
  const record = { communityId, name, order, createdAt: ctx.now().toISOString(), createdBy: ctx.openid }
  await db.collection('ruleCategories').doc(id).set(record)
  return { _id: id, ...record }
}

/** Adds a category (a retried requestId adds once) or renames one; names are unique within the community. */
export const saveCategory = action({
  input: saveCategoryInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }): Promise<{ category: CatalogueEntry }> => {
    const communityId = administeredCommunity(ctx)
    if (!input.id) {
      const created = await createCategory(ctx, communityId, input.name, input.requestId)
      ctx.audit({ target: { type: 'ruleCategory', id: created._id }, after: { name: created.name } })
      return { category: entry(created, created.order) }
    }
    const current = await categoryOf(ctx.db, communityId, input.id)
    if (current.name !== input.name) {
      refuseTaken(await categoriesOf(ctx.db, communityId), input.name, current._id)
      await ctx.db.collection('ruleCategories').doc(current._id).update({ name: input.name, updatedAt: ctx.now().toISOString(), updatedBy: ctx.openid })
    }
    ctx.audit({ target: { type: 'ruleCategory', id: current._id }, before: { name: current.name }, after: { name: input.name } })
    return { category: entry({ ...current, name: input.name }, current.order) }
  },
})

/**
 * Swaps `list[index]` with its neighbour and writes every order that is not its place (0..n-1) in one transaction.
 * At the edge (the first moving up, the last moving down) it refuses in words: nothing is there to swap with.
 */
async function move(db: Db, collection: 'ruleCategories' | 'rules', list: Placed[], index: number, direction: 'up' | 'down', what: string): Promise<CatalogueEntry[]> {
  const other = direction === 'up' ? index - 1 : index + 1
  if (other < 0) throw new DomainError('INPUT.INVALID', `这个${what}已经在最前面了`)
  if (other >= list.length) throw new DomainError('INPUT.INVALID', `这个${what}已经在最后面了`)
  const next = [...list]
  ;[next[index], next[other]] = [next[other], next[index]]
  await transaction(db, async (tx) => {
    for (const [order, r] of next.entries()) if (r.order !== order) await tx.collection(collection).doc(r._id).update({ order })
  })
  return next.map(entry)
}

/** Moves a category one place up or down; the orders come out 0..n-1 even when they were not. */
export const moveCategory = action({
  input: moveCategoryInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }): Promise<{ categories: CatalogueEntry[] }> => {
    const communityId = administeredCommunity(ctx)
    await categoryOf(ctx.db, communityId, input.categoryId)
    const list = await categoriesOf(ctx.db, communityId)
    const index = list.findIndex((c) => c._id === input.categoryId)
    const categories = await move(ctx.db, 'ruleCategories', list, index, input.direction, '类别')
    ctx.audit({ target: { type: 'ruleCategory', id: input.categoryId }, before: { order: list[index].order }, after: { order: categories.findIndex((c) => c.id === input.categoryId) } })
    return { categories }
  },
})

/** Moves an item one place up or down within its category (taken-out items keep their place among the others). */
export const moveRule = action({
  input: moveRuleInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }): Promise<{ categoryId: string; rules: CatalogueEntry[] }> => {
    const communityId = administeredCommunity(ctx)
    const rule = ((await ctx.db.collection('rules').doc(input.ruleId).get()).data as RuleRecord[])[0]
    if (!rule || rule.communityId !== communityId) throw new DomainError('NOT_FOUND', '没有这个积分条目')
    const found = (await ctx.db.collection('rules').where({ communityId, categoryId: rule.categoryId }).limit(1000).get()).data as (RuleRecord & { createdAt?: string })[]
    const list = found.sort(byPlace)
    const index = list.findIndex((r) => r._id === rule._id)
    const rules = await move(ctx.db, 'rules', list, index, input.direction, '条目')
    ctx.audit({ target: { type: 'rule', id: rule._id }, before: { order: list[index].order }, after: { order: rules.findIndex((r) => r.id === rule._id) } })
    return { categoryId: rule.categoryId, rules }
  },
})

/** Takes out a category that holds no item, enabled or taken out; the ones after it move up a place. */
export const removeCategory = action({
  input: removeCategoryInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }): Promise<{ removed: true }> => {
    const communityId = administeredCommunity(ctx)
    const category = await categoryOf(ctx.db, communityId, input.categoryId)
    const items = Number((await ctx.db.collection('rules').where({ communityId, categoryId: category._id }).count()).total ?? 0)
    if (items > 0) throw new DomainError('INPUT.INVALID', `「${category.name}」里还有 ${items} 个条目（含已停用的），不能删除；请先把条目改到别的类别`)
    const rest = (await categoriesOf(ctx.db, communityId)).filter((c) => c._id !== category._id)
    await transaction(ctx.db, async (tx) => {
      await tx.collection('ruleCategories').doc(category._id).remove()
      for (const [order, c] of rest.entries()) if (c.order !== order) await tx.collection('ruleCategories').doc(c._id).update({ order })
    })
    ctx.audit({ target: { type: 'ruleCategory', id: category._id }, before: { name: category.name, order: category.order } })
    return { removed: true }
  },
})
