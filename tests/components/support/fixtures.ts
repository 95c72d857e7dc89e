/** Typed sample data for the components' tests: what the API answers, as the pages pass it on. */
import type { Claim } from '@core/claim-input'
import type { RuleCategory } from '@core/rules'
import type { Offer, Voucher } from '@core/shop'
import type { Me } from '@core/user'
import type { Balance } from '../../../src/api'

export const me = (over: Partial<Me> = {}): Me => ({
  openid: 'wx-zhang',
  name: '张秀英',
  roles: [],
  residentId: 'r1',
  householdId: 'h1',
  courtyardId: 'c1',
  gridId: 'g1',
  communityId: 'k1',
  communityName: '莲花社区',
  courtyardName: '1号院',
  householdName: '张家',
  elderMode: false,
  elderModeChosen: false,
  ...over,
})

export const balance = (over: Partial<Balance> = {}): Balance => ({ available: 12.5, pending: 3, held: 0, household: 40, householdWallet: false, ...over })

export const claim = (over: Partial<Claim> = {}): Claim => ({
  id: 'cl1',
  residentId: 'r1',
  residentName: '张秀英',
  householdId: 'h1',
  courtyardId: 'c1',
  ruleId: 'ru1',
  ruleName: '清扫院落及门前卫生',
  categoryName: '环境卫生',
  points: 0.5,
  status: 'submitted',
  step: 'head',
  occurredAt: '2026-03-02T01:30:00.000Z',
  place: '1号院',
  description: '清扫了院子',
  photos: [],
  duplicates: [],
  proxy: null,
  createdAt: '2026-03-02T02:00:00.000Z',
  updatedAt: '2026-03-02T02:00:00.000Z',
  ...over,
})

export const categories: RuleCategory[] = [
  {
    id: 'env',
    name: '环境卫生',
    items: [
      { id: 'sweep', name: '清扫院落及门前卫生', points: 0.5, photosRequired: true, capPerMonth: 4, enabled: true },
      { id: 'trash', name: '垃圾分类', points: 1, photosRequired: false, capPerMonth: 0, enabled: true },
    ],
  },
  { id: 'empty', name: '空的类别', items: [] },
  { id: 'civil', name: '文明行为', items: [{ id: 'litter', name: '乱扔垃圾', points: -2, photosRequired: false, capPerMonth: 0, enabled: true }] },
]

export const offer = (over: Partial<Offer> = {}): Offer => ({
  id: 'o1',
  merchantId: 'm1',
  merchantName: '善治超市',
  title: '洗衣粉一袋',
  description: '500 克装，到店领取',
  kind: 'goods',
  points: 10,
  stock: 5,
  perResidentLimit: 1,
  validFrom: '2026-01-01T00:00:00.000Z',
  validUntil: '2026-06-30T15:59:00.000Z',
  eligibility: {},
  status: 'active',
  ...over,
})

export const voucher = (over: Partial<Voucher> = {}): Voucher => ({
  id: 'v1',
  offerId: 'o1',
  offerTitle: '洗衣粉一袋',
  kind: 'goods',
  merchantId: 'm1',
  merchantName: '善治超市',
  residentId: 'r1',
  residentName: '张秀英',
  courtyardName: '1号院',
  points: 10,
  status: 'issued',
  issuedAt: '2026-03-01T02:00:00.000Z',
  validUntil: '2026-03-31T15:59:00.000Z',
  ...over,
})
