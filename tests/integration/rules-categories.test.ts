/**
 * The catalogue's categories kept by the admin (rules.saveCategory, moveCategory, removeCategory) and the order of the
 * items within one (rules.moveRule): add once per requestId, rename without touching what claims and the ledger
 * recorded, names unique in the community, move with dense orders, remove only an empty one; nobody else may.
 */
import type { CatalogueEntry, RuleCategory } from '../../src/core/rules'
import type { RuleSaveInput } from '../../src/core/rules.schema'
import { buildClaim } from '../support/claims'
import { addOtherCommunity, ok, startCloud, type TestCloud } from '../support/cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud()
  // A second community with its own admin: it must not see or touch 昌宁社区's categories.
  await addOtherCommunity(cloud)
})
afterAll(() => cloud?.stop())

const catalogue = async (): Promise<RuleCategory[]> => (await ok(cloud.api('rules', 'list', { includeDisabled: true }, 'demo-admin'))).categories
const names = async () => (await catalogue()).map((c) => c.name)
const saveCategory = (input: { id?: string; name: string; requestId?: string }, openid = 'demo-admin') => cloud.api('rules', 'saveCategory', input, openid)
const moveCategory = (categoryId: string, direction: 'up' | 'down', openid = 'demo-admin') => cloud.api('rules', 'moveCategory', { categoryId, direction }, openid)
const removeCategory = (categoryId: string, openid = 'demo-admin') => cloud.api('rules', 'removeCategory', { categoryId }, openid)
const moveRule = (ruleId: string, direction: 'up' | 'down', openid = 'demo-admin') => cloud.api('rules', 'moveRule', { ruleId, direction }, openid)
/** The orders as stored, in catalogue order: what the moves keep 0..n-1. */
const storedOrders = async (collection: 'ruleCategories' | 'rules', where: Record<string, string>) =>
  ((await cloud.sdk().database().collection(collection).where(where).get()).data as { order: number }[]).map((d) => d.order).sort((a, b) => a - b)
const dense = (entries: CatalogueEntry[]) => entries.map((e) => e.order)
/** `openid` files a claim of `ruleId` (no photo needed), answering its id. */
const claimOf = async (ruleId: string, openid: string) => (await ok(cloud.api<{ claim: { id: string } }>('claims', 'submit', buildClaim({ ruleId, photos: [] }), openid))).claim.id

describe('adding a category', () => {
  test('an admin adds a category at the end; it shows, empty, in the catalogue', async () => {
    const before = await catalogue()
    const { category } = await ok(saveCategory({ name: '文明新风', requestId: 'req-cat-add-1' }))
    expect(category).toEqual({ id: expect.any(String), name: '文明新风', order: before.length })
    expect((await catalogue()).at(-1)).toEqual({ id: category.id, name: '文明新风', items: [] })
  })

  test('a retried add (same requestId) adds once, and rules.save with that requestId finds the same category', async () => {
    const first = await ok(saveCategory({ name: '邻里互助', requestId: 'req-cat-add-2' }))
    const again = await ok(saveCategory({ name: '邻里互助', requestId: 'req-cat-add-2' }))
    expect(again).toEqual(first)
    expect((await names()).filter((n) => n === '邻里互助')).toHaveLength(1)
    const saved = await ok(cloud.api('rules', 'save', { categoryName: '邻里互助', name: '帮邻居照看孩子', points: 1, photosRequired: false, capPerMonth: 2, requestId: 'req-cat-add-2' }, 'demo-admin'))
    expect(saved.categoryId).toBe(first.category.id)
    expect((await catalogue()).find((c) => c.id === first.category.id)!.items.map((i) => i.name)).toEqual(['帮邻居照看孩子'])
  })

  test('a name another category has is refused; rules.save with that name puts its item in that category, adding none', async () => {
    const count = (await catalogue()).length
    const answer = await saveCategory({ name: '人居环境', requestId: 'req-cat-dup-1' })
    expect(answer).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    if (!answer.ok) expect(answer.message).toBe('已经有叫「人居环境」的类别了，请换一个名称')
    const viaSave = await ok(cloud.api('rules', 'save', { categoryName: '小区建设', name: '扫雪除冰', points: 1, photosRequired: false, capPerMonth: 2, requestId: 'req-cat-dup-2' }, 'demo-admin'))
    expect(viaSave.categoryId).toBe('cat-build')
    expect(await catalogue()).toHaveLength(count)
  })

  test('without a requestId, rules.save keys a new category by its name: the same name again is the same one, until it is renamed', async () => {
    const item = (name: string): RuleSaveInput => ({ categoryName: '老年关爱', name, points: 1, photosRequired: false, capPerMonth: 1 })
    const first = await ok(cloud.api('rules', 'save', item('陪老人聊天'), 'demo-admin'))
    expect((await ok(cloud.api('rules', 'save', item('陪老人散步'), 'demo-admin'))).categoryId).toBe(first.categoryId)
    await ok(saveCategory({ id: first.categoryId, name: '敬老爱老' }))
    const after = await ok(cloud.api('rules', 'save', item('帮老人买菜'), 'demo-admin'))
    expect(after.categoryId).not.toBe(first.categoryId)
    const shown = await catalogue()
    expect(shown.find((c) => c.id === first.categoryId)).toMatchObject({ name: '敬老爱老', items: [{ name: '陪老人聊天' }, { name: '陪老人散步' }] })
    expect(shown.find((c) => c.id === after.categoryId)).toMatchObject({ name: '老年关爱', items: [{ name: '帮老人买菜' }] })
  })

  test('an empty or too long name is refused in words', async () => {
    const count = (await catalogue()).length
    const issue = (message: string) => ({ ok: false, code: 'INPUT.INVALID', details: { issues: [expect.objectContaining({ path: ['name'], message })] } })
    expect(await saveCategory({ name: '   ', requestId: 'req-cat-bad-1' })).toMatchObject(issue('请填写类别名称'))
    expect(await saveCategory({ name: '很'.repeat(21), requestId: 'req-cat-bad-2' })).toMatchObject(issue('类别名称不超过 20 个字'))
    expect(await catalogue()).toHaveLength(count)
  })
})

describe('renaming a category', () => {
  test('a rename changes the catalogue only: a claim and its ledger entry keep the name they were made with', async () => {
    // 张秀英 claims 建言献策被采纳 (小区建设); 王建国 and 陈静 pass it, so the ledger holds it.
    const claimId = await claimOf('rule-suggestion', 'demo-resident')
    await ok(cloud.api('claims', 'review', { claimId, decision: 'pass' }, 'demo-head'))
    await ok(cloud.api('claims', 'review', { claimId, decision: 'pass' }, 'demo-grid'))

    const { category } = await ok(saveCategory({ id: 'cat-build', name: '小区共建' }))
    expect(category).toMatchObject({ id: 'cat-build', name: '小区共建' })
    const build = (await catalogue()).find((c) => c.id === 'cat-build')!
    expect(build.name).toBe('小区共建')
    expect(build.items.find((i) => i.id === 'rule-suggestion')?.name).toBe('建言献策被采纳')
    // Written to the audit log with the name before and after.
    const logged = (await cloud.sdk().database().collection('audit').where({ 'target.id': 'cat-build' }).get()).data
    expect(logged).toEqual([expect.objectContaining({ action: 'rules.saveCategory', operator: 'demo-admin', before: { name: '小区建设' }, after: { name: '小区共建' } })])

    expect((await ok(cloud.api('claims', 'get', { claimId }, 'demo-resident'))).claim).toMatchObject({ categoryName: '小区建设', ruleName: '建言献策被采纳' })
    const entry = ((await cloud.sdk().database().collection('ledger').where({ 'source.id': claimId }).get()).data as { _id: string; month: string; category: { name: string } }[])[0]
    expect(entry.category).toMatchObject({ id: 'cat-build', name: '小区建设' })
    const board = await ok(cloud.api('governance', 'publicity', { month: entry.month, entryId: entry._id }, 'demo-resident'))
    expect(board.items[0]).toMatchObject({ item: '建言献策被采纳', category: '小区建设' })
    // A claim made after the rename reads the new name.
    const later = await claimOf('rule-suggestion', 'demo-resident-2')
    expect((await ok(cloud.api('claims', 'get', { claimId: later }, 'demo-resident-2'))).claim).toMatchObject({ categoryName: '小区共建' })
  })

  test("renaming to another category's name is refused; to its own name changes nothing", async () => {
    const answer = await saveCategory({ id: 'cat-build', name: '爱心公益' })
    expect(answer).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: expect.stringContaining('已经有叫「爱心公益」的类别了') })
    expect((await catalogue()).find((c) => c.id === 'cat-build')?.name).toBe('小区共建')
    expect(await saveCategory({ id: 'cat-build', name: '小区共建' })).toMatchObject({ ok: true, data: { category: { id: 'cat-build', name: '小区共建' } } })
  })

  test('an unknown category is NOT_FOUND', async () => {
    expect(await saveCategory({ id: 'no-such-category', name: '随便' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })
})

describe('moving categories', () => {
  test('up and down swap with the neighbour, in the catalogue too', async () => {
    const before = await catalogue()
    const up = await ok(moveCategory(before[1].id, 'up'))
    expect(up.categories.map((c) => c.id)).toEqual([before[1].id, before[0].id, ...before.slice(2).map((c) => c.id)])
    expect(dense(up.categories)).toEqual(before.map((_, i) => i))
    expect((await catalogue()).map((c) => c.id)).toEqual(up.categories.map((c) => c.id))
    const down = await ok(moveCategory(before[1].id, 'down'))
    expect(down.categories.map((c) => c.id)).toEqual(before.map((c) => c.id))
    expect((await catalogue()).map((c) => c.id)).toEqual(before.map((c) => c.id))
  })

  test('at the edge the move is refused in words and nothing changes', async () => {
    const before = await catalogue()
    expect(await moveCategory(before[0].id, 'up')).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: '这个类别已经在最前面了' })
    expect(await moveCategory(before.at(-1)!.id, 'down')).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: '这个类别已经在最后面了' })
    expect((await catalogue()).map((c) => c.id)).toEqual(before.map((c) => c.id))
  })

  test('orders that were not 0..n-1 (gaps, a tie) come out dense after a move', async () => {
    const db = cloud.sdk().database()
    const before = await catalogue()
    // Stored as an older version might have left them: gaps, and the first two tied.
    for (const [i, c] of before.entries()) await db.collection('ruleCategories').doc(c.id).update({ order: i === 0 ? 10 : 10 * i })
    expect(await storedOrders('ruleCategories', { communityId: 'demo-community' })).not.toEqual(before.map((_, i) => i))
    const moved = await ok(moveCategory(before.at(-1)!.id, 'up'))
    expect(dense(moved.categories)).toEqual(before.map((_, i) => i))
    expect(await storedOrders('ruleCategories', { communityId: 'demo-community' })).toEqual(before.map((_, i) => i))
    expect(moved.categories.slice(-2).map((c) => c.id)).toEqual([before.at(-1)!.id, before.at(-2)!.id])
    await ok(moveCategory(before.at(-1)!.id, 'down'))
  })
})

describe('moving items within a category', () => {
  test('an item moves up and down among the items of its category, disabled ones included', async () => {
    const env = () => catalogue().then((cs) => cs.find((c) => c.id === 'cat-env')!.items.map((i) => i.id))
    expect(await env()).toEqual(['rule-clean-yard', 'rule-garbage-sort', 'rule-clear-clutter'])
    // 垃圾分类投放 is stopped: it keeps its place, and the item below it passes it.
    await ok(cloud.api('rules', 'disable', { ruleId: 'rule-garbage-sort' }, 'demo-admin'))
    const up = await ok(moveRule('rule-clear-clutter', 'up'))
    expect(up).toEqual({
      categoryId: 'cat-env',
      rules: [
        { id: 'rule-clean-yard', name: '清扫院落及门前卫生', order: 0 },
        { id: 'rule-clear-clutter', name: '清理楼道、院内杂物', order: 1 },
        { id: 'rule-garbage-sort', name: '垃圾分类投放', order: 2 },
      ],
    })
    expect(await env()).toEqual(['rule-clean-yard', 'rule-clear-clutter', 'rule-garbage-sort'])
    expect((await ok(cloud.api('rules', 'list', {}, 'demo-resident'))).categories.find((c) => c.id === 'cat-env')!.items.map((i) => i.id)).toEqual(['rule-clean-yard', 'rule-clear-clutter'])
    await ok(cloud.api('rules', 'disable', { ruleId: 'rule-garbage-sort', enabled: true }, 'demo-admin'))
    await ok(moveRule('rule-clear-clutter', 'down'))
    expect(await env()).toEqual(['rule-clean-yard', 'rule-garbage-sort', 'rule-clear-clutter'])
    expect(await moveRule('rule-clean-yard', 'up')).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: '这个条目已经在最前面了' })
    expect(await moveRule('rule-clear-clutter', 'down')).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: '这个条目已经在最后面了' })
    // Residents read the catalogue in the same order.
    const resident = (await ok(cloud.api('rules', 'list', {}, 'demo-resident'))).categories.find((c) => c.id === 'cat-env')!
    expect(resident.items.map((i) => i.id)).toEqual(['rule-clean-yard', 'rule-garbage-sort', 'rule-clear-clutter'])
  })

  test('an unknown item is NOT_FOUND', async () => {
    expect(await moveRule('no-such-rule', 'up')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })
})

describe('removing a category', () => {
  test('an empty category goes, and the ones after it close up (orders stay 0..n-1)', async () => {
    const { category } = await ok(saveCategory({ name: '临时类别', requestId: 'req-cat-remove-1' }))
    await ok(moveCategory(category.id, 'up'))
    expect(await ok(removeCategory(category.id))).toEqual({ removed: true })
    const after = await catalogue()
    expect(after.map((c) => c.id)).not.toContain(category.id)
    expect(await storedOrders('ruleCategories', { communityId: 'demo-community' })).toEqual(after.map((_, i) => i))
    expect(await removeCategory(category.id)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })

  test('a category with items is refused in words, even when all its items are taken out', async () => {
    const answer = await removeCategory('cat-env')
    expect(answer).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: '「人居环境」里还有 3 个条目（含已停用的），不能删除；请先把条目改到别的类别' })
    const { category } = await ok(saveCategory({ name: '只剩停用', requestId: 'req-cat-remove-2' }))
    const { rule } = await ok(cloud.api('rules', 'save', { categoryId: category.id, name: '已停用的一项', points: 1, photosRequired: false, capPerMonth: 1 }, 'demo-admin'))
    await ok(cloud.api('rules', 'disable', { ruleId: rule.id }, 'demo-admin'))
    expect(await removeCategory(category.id)).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: expect.stringContaining('1 个条目') })
    expect((await names()).filter((n) => n === '人居环境' || n === '只剩停用')).toEqual(['人居环境', '只剩停用'])
  })
})

describe('who may', () => {
  test.each(['demo-resident', 'demo-head', 'demo-grid', 'demo-merchant'])('%s may not keep categories or order items', async (openid) => {
    const before = await catalogue()
    expect(await saveCategory({ name: '不该有的类别', requestId: `req-cat-${openid}` }, openid)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(await saveCategory({ id: 'cat-env', name: '不该改的名称' }, openid)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(await moveCategory('cat-build', 'up', openid)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(await removeCategory('cat-env', openid)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(await moveRule('rule-garbage-sort', 'up', openid)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(await catalogue()).toEqual(before)
  })

  test("another community's admin finds none of them (NOT_FOUND) and changes nothing", async () => {
    const before = await catalogue()
    expect(await saveCategory({ id: 'cat-env', name: '改别人的' }, 'other-admin')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await moveCategory('cat-build', 'up', 'other-admin')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await removeCategory('cat-env', 'other-admin')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await moveRule('rule-garbage-sort', 'up', 'other-admin')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await catalogue()).toEqual(before)
    // Its own catalogue is its own: a category of the same name as one of 昌宁社区's is fine there.
    expect(await saveCategory({ name: '人居环境', requestId: 'req-cat-other-1' }, 'other-admin')).toMatchObject({ ok: true, data: { category: { name: '人居环境', order: 0 } } })
  })
})
