import type { RuleCategory, RuleItem } from '../../src/core/rules'
import { addOtherCommunity, startCloud, type TestCloud } from '../support/cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud()
  // A second community beside 昌宁社区, with its own admin: it must never see or touch the first one's rules.
  await addOtherCommunity(cloud)
})
afterAll(() => cloud?.stop())

type Catalogue = { categories: RuleCategory[] }
const list = async (openid: string, input: Record<string, unknown> = {}) => {
  const answer = await cloud.api<Catalogue>('rules', 'list', input, openid)
  if (!answer.ok) throw new Error(`${answer.code} ${answer.message}`)
  return answer.data.categories
}
const allItems = (categories: RuleCategory[]) => categories.flatMap((c) => c.items)
const save = (openid: string, input: Record<string, unknown>) => cloud.api<{ rule: RuleItem; categoryId: string }>('rules', 'save', input, openid)

describe('rules.list', () => {
  test('a resident reads the five categories of 昌宁社区 with points as decimals', async () => {
    const categories = await list('demo-resident')
    expect(categories.map((c) => c.name)).toEqual(['人居环境', '小区建设', '爱心公益', '社会综治', '其他'])
    const items = allItems(categories)
    expect(items.find((i) => i.id === 'rule-garbage-sort')).toEqual({
      id: 'rule-garbage-sort',
      name: '垃圾分类投放',
      points: 0.5,
      photosRequired: true,
      capPerMonth: 10,
      enabled: true,
    })
    expect(items.find((i) => i.id === 'rule-brave')?.points).toBe(15)
    expect(items.every((i) => i.enabled)).toBe(true)
  })

  test('an anonymous caller is refused', async () => {
    expect(await cloud.api('rules', 'list', {}, null)).toMatchObject({ ok: false, code: 'AUTH.UNAUTHENTICATED' })
  })

  test('another community sees none of these rules', async () => {
    expect(await list('other-admin')).toEqual([])
  })
})

describe('rules.save and rules.disable (admin)', () => {
  test('an admin adds an item to a category and residents see it', async () => {
    const answer = await save('demo-admin', { categoryId: 'cat-charity', name: '参加献血', points: 2.5, photosRequired: true, capPerMonth: 1 })
    expect(answer).toMatchObject({ ok: true, data: { categoryId: 'cat-charity', rule: { name: '参加献血', points: 2.5, enabled: true } } })
    const charity = (await list('demo-resident')).find((c) => c.id === 'cat-charity')!
    expect(charity.items.at(-1)).toMatchObject({ name: '参加献血', points: 2.5, capPerMonth: 1 })
  })

  test('a new category is created from its name, and a retried create writes once', async () => {
    const input = { categoryName: '文明新风', name: '移风易俗简办红白事', points: 5, photosRequired: false, capPerMonth: 0, requestId: 'req-new-category-1' }
    const first = await save('demo-admin', input)
    const again = await save('demo-admin', input)
    expect(first).toMatchObject({ ok: true })
    expect(again).toEqual(first)
    const categories = await list('demo-resident')
    expect(categories.at(-1)).toMatchObject({ name: '文明新风', items: [{ name: '移风易俗简办红白事', points: 5 }] })
    expect(allItems(categories).filter((i) => i.name === '移风易俗简办红白事')).toHaveLength(1)
  })

  test('changing an item changes its points for later claims', async () => {
    expect(await save('demo-admin', { id: 'rule-online-share', categoryId: 'cat-other', name: '线上分享社区活动', points: 1, photosRequired: false, capPerMonth: 4 })).toMatchObject({
      ok: true,
      data: { rule: { id: 'rule-online-share', points: 1 } },
    })
  })

  test('a disabled item leaves the catalogue but stays readable to the admin, and can come back', async () => {
    expect(await cloud.api('rules', 'disable', { ruleId: 'rule-college' }, 'demo-admin')).toMatchObject({ ok: true, data: { rule: { id: 'rule-college', enabled: false } } })
    expect(allItems(await list('demo-resident')).map((i) => i.id)).not.toContain('rule-college')
    expect(allItems(await list('demo-admin', { includeDisabled: true })).find((i) => i.id === 'rule-college')).toMatchObject({ enabled: false, name: '培养一名本科以上学历大学生' })
    expect(await cloud.api('rules', 'list', { includeDisabled: true }, 'demo-resident')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    await cloud.api('rules', 'disable', { ruleId: 'rule-college', enabled: true }, 'demo-admin')
    expect(allItems(await list('demo-resident')).map((i) => i.id)).toContain('rule-college')
  })

  test.each([
    [{ categoryId: 'cat-env', name: '扫雪', points: 1.25, photosRequired: true, capPerMonth: 2 }, 'points'],
    [{ categoryId: 'cat-env', name: '扫雪', points: 0, photosRequired: true, capPerMonth: 2 }, 'points'],
    [{ categoryId: 'cat-env', name: '扫', points: 1, photosRequired: true, capPerMonth: 2 }, 'name'],
    [{ name: '扫雪', points: 1, photosRequired: true, capPerMonth: 2 }, 'categoryId'],
    [{ categoryId: 'cat-env', name: '扫雪', points: 1, photosRequired: 'yes', capPerMonth: 2 }, 'photosRequired'],
    [{ categoryId: 'cat-env', name: '扫雪', points: 1, photosRequired: true, capPerMonth: -1 }, 'capPerMonth'],
  ])('bad input %j is refused naming %s, and nothing is written', async (input, field) => {
    const before = allItems(await list('demo-admin', { includeDisabled: true })).length
    const answer = await save('demo-admin', input)
    expect(answer).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    if (!answer.ok) expect(answer.message).toContain(field)
    expect(allItems(await list('demo-admin', { includeDisabled: true }))).toHaveLength(before)
  })

  test.each(['demo-resident', 'demo-head', 'demo-grid', 'demo-merchant'])('%s may not change the catalogue', async (openid) => {
    expect(await save(openid, { categoryId: 'cat-env', name: '扫雪', points: 1, photosRequired: true, capPerMonth: 2 })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(await cloud.api('rules', 'disable', { ruleId: 'rule-brave' }, openid)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  })

  test('an admin of another community cannot touch these rules or categories', async () => {
    expect(await save('other-admin', { id: 'rule-brave', categoryId: 'cat-safety', name: '见义勇为', points: 1, photosRequired: true, capPerMonth: 1 })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await save('other-admin', { categoryId: 'cat-safety', name: '见义勇为', points: 1, photosRequired: true, capPerMonth: 1 })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await cloud.api('rules', 'disable', { ruleId: 'rule-brave' }, 'other-admin')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(allItems(await list('demo-resident')).find((i) => i.id === 'rule-brave')).toMatchObject({ points: 15, enabled: true })
  })

  test('an unknown item is NOT_FOUND', async () => {
    expect(await cloud.api('rules', 'disable', { ruleId: 'no-such-rule' }, 'demo-admin')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })
})
