/**
 * The demo data of DESIGN.md ("Demo data"): 昌宁社区 with one grid and two courtyards, its people and
 * roles, the five-category rule catalogue (src/core/templates.ts), default settings, and 善治超市 with offers.
 * Written through the SDK with fixed ids and `set()`, so running it twice changes nothing.
 */
import { DEMO_USERS } from '../../src/core/demo'
import { DEFAULT_SETTINGS } from '../../src/core/governance'
import { toTenths } from '../../src/core/points'
import { RULE_TEMPLATES } from '../../src/core/templates'
import { catalogueDocs } from './bootstrap'
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

const OFFERS: { id: string; title: string; kind: 'goods' | 'coupon' | 'service'; points: number; stock: number; perResidentLimit: number; description: string; minAge?: number }[] = [
  { id: 'offer-detergent', title: '洗衣粉一袋', kind: 'goods', points: 10, stock: 50, perResidentLimit: 2, description: '善治超市 500g 装洗衣粉' },
  { id: 'offer-toothpaste', title: '牙膏一支', kind: 'goods', points: 5, stock: 80, perResidentLimit: 2, description: '善治超市 120g 牙膏' },
  { id: 'offer-haircut', title: '爱心义剪', kind: 'service', points: 5, stock: 30, perResidentLimit: 1, description: '每周二上午义剪一次', minAge: 70 },
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

  await set('settings', community, { communityId: community, ...DEFAULT_SETTINGS })

  // The five categories with their fixed demo ids (the template's keys).
  for (const doc of catalogueDocs(RULE_TEMPLATES.五大类, community, (key) => key, at)) await set(doc.collection, doc.id, doc.data)

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
