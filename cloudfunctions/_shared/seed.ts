/**
 * The demo data of DESIGN.md ("Demo data"): 昌宁社区 with one grid and two courtyards, its people and
 * roles, the five-category rule catalogue with real items from the seeds, and 善治超市 with offers.
 * Written through the SDK with fixed ids and `set()`, so running it twice changes nothing.
 */
import { DEMO_USERS } from '../../src/core/demo'
import { toTenths } from '../../src/core/points'
import type { Db } from './cloud'

export const DEMO_IDS = {
  community: 'demo-community',
  grid: 'demo-grid-1',
  courtyard1: 'demo-courtyard-1',
  courtyard2: 'demo-courtyard-2',
  merchant: 'demo-merchant-shanzhi',
} as const

const nameOf = (openid: string) => {
  const user = DEMO_USERS.find((u) => u.openid === openid)
  if (!user) throw new Error(`演示用户不存在：${openid}`)
  return user.name
}

interface SeedResident {
  id: string
  openid: string | null
  name: string
  courtyard: 'courtyard1' | 'courtyard2'
  household: string
  householdName: string
  birthYear: number
}

/** Residents: each in their own household; 刘福贵 has no phone, so heads claim for him by proxy. */
const RESIDENTS: SeedResident[] = [
  { id: 'demo-r-resident', openid: 'demo-resident', name: nameOf('demo-resident'), courtyard: 'courtyard1', household: 'demo-hh-1', householdName: '张秀英家', birthYear: 1953 },
  { id: 'demo-r-resident-2', openid: 'demo-resident-2', name: nameOf('demo-resident-2'), courtyard: 'courtyard1', household: 'demo-hh-2', householdName: '李明家', birthYear: 1986 },
  { id: 'demo-r-head', openid: 'demo-head', name: nameOf('demo-head'), courtyard: 'courtyard1', household: 'demo-hh-3', householdName: '王建国家', birthYear: 1962 },
  { id: 'demo-r-liu', openid: null, name: '刘福贵', courtyard: 'courtyard1', household: 'demo-hh-4', householdName: '刘福贵家', birthYear: 1946 },
  { id: 'demo-r-head-2', openid: 'demo-head-2', name: nameOf('demo-head-2'), courtyard: 'courtyard2', household: 'demo-hh-5', householdName: '赵桂兰家', birthYear: 1958 },
]

/** The catalogue of 昌宁社区 (five categories), with items and values from the seed reports. */
const CATALOGUE: { id: string; name: string; items: [id: string, name: string, points: number, photos: boolean, cap: number][] }[] = [
  {
    id: 'cat-env',
    name: '人居环境',
    items: [
      ['rule-clean-yard', '清扫院落及门前卫生', 1, true, 8],
      ['rule-garbage-sort', '垃圾分类投放', 0.5, true, 10],
      ['rule-clear-clutter', '清理楼道、院内杂物', 2, true, 4],
    ],
  },
  {
    id: 'cat-build',
    name: '小区建设',
    items: [
      ['rule-suggestion', '建言献策被采纳', 1, false, 3],
      ['rule-repair', '参与小区设施维修', 2, true, 4],
      ['rule-meeting', '参加居民说事议事会', 1, true, 2],
    ],
  },
  {
    id: 'cat-charity',
    name: '爱心公益',
    items: [
      ['rule-volunteer', '参加一次志愿服务活动', 1, true, 8],
      ['rule-donate', '捐赠物资', 5, true, 2],
      ['rule-help-elder', '帮扶孤寡老人（救助帮困）', 10, true, 2],
      ['rule-micro-wish', '认领并完成“微心愿”', 5, true, 2],
    ],
  },
  {
    id: 'cat-safety',
    name: '社会综治',
    items: [
      ['rule-mediate', '调解邻里纠纷', 5, false, 2],
      ['rule-report-hazard', '发现并报告安全隐患', 2, true, 4],
      ['rule-brave', '见义勇为', 15, true, 1],
      ['rule-protect-kids', '护苗行动（护学岗）', 5, true, 4],
    ],
  },
  {
    id: 'cat-other',
    name: '其他',
    items: [
      ['rule-party-life', '党员按时参加组织生活', 0.5, false, 1],
      ['rule-training', '参加教育培训', 1, true, 4],
      ['rule-online-share', '线上分享社区活动', 0.5, false, 4],
      ['rule-college', '培养一名本科以上学历大学生', 1, false, 1],
    ],
  },
]

const OFFERS: { id: string; title: string; kind: 'goods' | 'coupon' | 'service'; points: number; stock: number; perResidentLimit: number; description: string; minAge?: number }[] = [
  { id: 'offer-detergent', title: '洗衣粉一袋', kind: 'goods', points: 10, stock: 50, perResidentLimit: 2, description: '善治超市 500g 装洗衣粉' },
  { id: 'offer-toothpaste', title: '牙膏一支', kind: 'goods', points: 5, stock: 80, perResidentLimit: 2, description: '善治超市 120g 牙膏' },
  { id: 'offer-haircut', title: '爱心义剪', kind: 'service', points: 5, stock: 30, perResidentLimit: 1, description: '每周二社区服务站义剪一次', minAge: 70 },
  { id: 'offer-meal', title: '10元爱心餐', kind: 'service', points: 10, stock: 40, perResidentLimit: 4, description: '社区幸福食堂午餐一份' },
  { id: 'offer-coupon', title: '善治超市9折券', kind: 'coupon', points: 8, stock: 100, perResidentLimit: 1, description: '购物满30元可用' },
]

export async function seedDemo(db: Db, now: Date = new Date()): Promise<void> {
  const at = now.toISOString()
  const community = DEMO_IDS.community
  const set = (collection: string, id: string, data: Record<string, unknown>) =>
    db.collection(collection).doc(id).set({ ...data, createdAt: at })

  // Org tree: community → grid → courtyards → households.
  const courtyards = {
    courtyard1: { id: DEMO_IDS.courtyard1, name: '莲花新区1排3号院' },
    courtyard2: { id: DEMO_IDS.courtyard2, name: '莲花新区2排7号院' },
  }
  await set('orgNodes', community, { type: 'community', name: '昌宁社区', parentId: null, communityId: community, path: [community] })
  await set('orgNodes', DEMO_IDS.grid, { type: 'grid', name: '莲花新区网格', parentId: community, communityId: community, path: [community, DEMO_IDS.grid] })
  for (const c of Object.values(courtyards)) {
    await set('orgNodes', c.id, { type: 'courtyard', kind: '院落', name: c.name, parentId: DEMO_IDS.grid, communityId: community, path: [community, DEMO_IDS.grid, c.id] })
  }
  for (const r of RESIDENTS) {
    const courtyard = courtyards[r.courtyard].id
    await set('orgNodes', r.household, { type: 'household', name: r.householdName, parentId: courtyard, communityId: community, path: [community, DEMO_IDS.grid, courtyard, r.household] })
    await set('residents', r.id, {
      name: r.name,
      openid: r.openid,
      communityId: community,
      gridId: DEMO_IDS.grid,
      courtyardId: courtyard,
      householdId: r.household,
      birthYear: r.birthYear,
      hasPhone: r.openid !== null,
    })
    // The two heads are residents of their own courtyards too (房东就是院长).
    const roles = r.openid === 'demo-head' ? [{ role: 'head', nodeId: DEMO_IDS.courtyard1 }] : r.openid === 'demo-head-2' ? [{ role: 'head', nodeId: DEMO_IDS.courtyard2 }] : []
    // Only role holders carry a roles array (the roles.nodeId index then sees only them).
    if (r.openid) await set('users', r.openid, { name: r.name, communityId: community, residentId: r.id, householdId: r.household, ...(roles.length ? { roles } : {}) })
  }

  // People who are not residents here: the grid worker, the office, the shopkeeper.
  await set('users', 'demo-grid', { name: nameOf('demo-grid'), communityId: community, residentId: null, roles: [{ role: 'grid', nodeId: DEMO_IDS.grid }] })
  await set('users', 'demo-admin', { name: nameOf('demo-admin'), communityId: community, residentId: null, roles: [{ role: 'admin', nodeId: community }] })
  await set('users', 'demo-merchant', {
    name: nameOf('demo-merchant'),
    communityId: community,
    residentId: null,
    merchantId: DEMO_IDS.merchant,
    roles: [{ role: 'merchant', nodeId: DEMO_IDS.merchant }],
  })

  await set('settings', community, {
    communityId: community,
    settlement: 'instant',
    publicityDays: 7,
    householdWallet: false,
    suspensionMonths: 3,
    refundExpiredVouchers: true,
  })

  for (const [order, category] of CATALOGUE.entries()) {
    await set('ruleCategories', category.id, { communityId: community, name: category.name, order })
    for (const [itemOrder, [id, name, points, photosRequired, capPerMonth]] of category.items.entries()) {
      await set('rules', id, {
        communityId: community,
        categoryId: category.id,
        name,
        pointsTenths: toTenths(points),
        photosRequired,
        capPerMonth,
        enabled: true,
        order: itemOrder,
      })
    }
  }

  await set('merchants', DEMO_IDS.merchant, { communityId: community, name: '善治超市', status: 'active', address: '莲花新区1排路口' })
  const validUntil = new Date(now.getTime() + 180 * 86_400_000).toISOString()
  for (const o of OFFERS) {
    await set('offers', o.id, {
      communityId: community,
      merchantId: DEMO_IDS.merchant,
      merchantName: '善治超市',
      title: o.title,
      kind: o.kind,
      description: o.description,
      pointsTenths: toTenths(o.points),
      stock: o.stock,
      perResidentLimit: o.perResidentLimit,
      validFrom: at,
      validUntil,
      eligibility: o.minAge ? { minAge: o.minAge } : {},
      status: 'active',
    })
  }
}
