/** What every merchant gave: redemptions by day and month, the monthly settlement, and its Excel export. */
import { inZone } from '../../src/core/period'
import { fromTenths } from '../../src/core/points'
import { type Settlement, type SettlementRow } from '../../src/core/shop'
import { exportSettlementInput, redemptionsInput, settlementInput } from '../../src/core/shop.schema'
import { PUBLIC, nameFor, viewerOf } from '../../src/core/visibility'
import { saveExport, sheetOf, workbook } from '../_shared/exports'
import { administeredCommunity, isAdminOf } from '../_shared/community'
import { action, type MemberCtx } from '../_shared/handler'
import { type VoucherRecord, holderOf, toVoucher } from '../_shared/vouchers'
import { merchantInReach } from './access'

const READ = 1000

/** Every voucher matching `where`, a thousand at a time in `_id` order (a read may not return more). */
async function* redeemed(ctx: MemberCtx, where: Record<string, unknown>): AsyncGenerator<VoucherRecord[]> {
  const _ = ctx.db.command
  let after = ''
  for (;;) {
    const page = (await ctx.db.collection('vouchers').where({ ...where, ...(after ? { _id: _.gt(after) } : {}) }).orderBy('_id', 'asc').limit(READ).get()).data as VoucherRecord[]
    if (page.length) yield page
    if (page.length < READ) return
    after = page[page.length - 1]._id
  }
}

/** One merchant's redemptions of a day (or a month), newest first, with their total. */
export const redemptions = action({
  input: redemptionsInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const merchant = await merchantInReach(ctx, input.merchantId)
    const where = input.day ? { merchantId: merchant._id, redeemedDay: input.day } : { merchantId: merchant._id, redeemedMonth: input.month }
    const all: VoucherRecord[] = []
    for await (const page of redeemed(ctx, where)) all.push(...page)
    all.sort((a, b) => (b.redeemedAt! > a.redeemedAt! ? 1 : -1))
    const total = { count: all.length, points: fromTenths(all.reduce((sum, v) => sum + v.pointsTenths, 0)) }
    const viewer = viewerOf(ctx)
    return { items: all.slice(0, 200).map((v) => toVoucher(v, viewer)), total }
  },
})

/** Adds up a month's redemptions: by merchant and offer, and (for one merchant) by day. */
async function settle(ctx: MemberCtx, month: string, merchantId: string | null): Promise<{ settlement: Settlement; rows: VoucherRecord[] }> {
  const where = merchantId ? { merchantId, redeemedMonth: month } : { communityId: ctx.user.communityId, redeemedMonth: month }
  const merchants = new Map<string, SettlementRow & { tenths: number; byOffer: Map<string, { title: string; count: number; tenths: number }> }>()
  const days = new Map<string, { count: number; tenths: number }>()
  const rows: VoucherRecord[] = []
  for await (const page of redeemed(ctx, where)) {
    for (const v of page) {
      rows.push(v)
      const m = merchants.get(v.merchantId) ?? { merchantId: v.merchantId, merchantName: v.merchantName, count: 0, points: 0, offers: [], tenths: 0, byOffer: new Map() }
      m.count += 1
      m.tenths += v.pointsTenths
      const o = m.byOffer.get(v.offerId) ?? { title: v.offerTitle, count: 0, tenths: 0 }
      o.count += 1
      o.tenths += v.pointsTenths
      m.byOffer.set(v.offerId, o)
      merchants.set(v.merchantId, m)
      const d = days.get(v.redeemedDay!) ?? { count: 0, tenths: 0 }
      d.count += 1
      d.tenths += v.pointsTenths
      days.set(v.redeemedDay!, d)
    }
  }
  const list: SettlementRow[] = [...merchants.values()]
    .sort((a, b) => b.tenths - a.tenths || a.merchantName.localeCompare(b.merchantName, 'zh'))
    .map((m) => ({
      merchantId: m.merchantId,
      merchantName: m.merchantName,
      count: m.count,
      points: fromTenths(m.tenths),
      offers: [...m.byOffer.entries()].sort((a, b) => b[1].tenths - a[1].tenths).map(([offerId, o]) => ({ offerId, title: o.title, count: o.count, points: fromTenths(o.tenths) })),
    }))
  const totalTenths = rows.reduce((sum, v) => sum + v.pointsTenths, 0)
  const settlement: Settlement = {
    month,
    merchants: list,
    ...(merchantId ? { days: [...days.entries()].sort().map(([day, d]) => ({ day, count: d.count, points: fromTenths(d.tenths) })) } : {}),
    total: { count: rows.length, points: fromTenths(totalTenths) },
  }
  return { settlement, rows }
}

/** 月结算: the admin sees every merchant (or one, with `merchantId`); a clerk sees their own, with its days. */
export const settlement = action({
  input: settlementInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const communityId = ctx.user.communityId
    if (!input.merchantId && communityId && isAdminOf(ctx, communityId)) return (await settle(ctx, input.month, null)).settlement
    const merchant = await merchantInReach(ctx, input.merchantId)
    return (await settle(ctx, input.month, merchant._id)).settlement
  },
})

/**
 * The month's settlement as an Excel workbook (exceljs): a summary sheet by merchant and offer, and every
 * redemption. Saved to storage under exports/ and answered as a link good for an hour.
 */
export const exportSettlement = action({
  input: exportSettlementInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const communityId = administeredCommunity(ctx)
    const { settlement: s, rows } = await settle(ctx, input.month, null)
    const book = workbook()
    const summary = sheetOf(book, '月结算', { merchant: ['商家', 20], offer: ['兑换项目', 24], count: ['核销次数', 12], points: ['积分', 12] })
    for (const m of s.merchants) {
      for (const o of m.offers) summary.addRow({ merchant: m.merchantName, offer: o.title, count: o.count, points: o.points })
      summary.addRow({ merchant: m.merchantName, offer: '小计', count: m.count, points: m.points }).font = { bold: true }
    }
    summary.addRow({ merchant: '合计', offer: '', count: s.total.count, points: s.total.points }).font = { bold: true }
    const detail = sheetOf(book, '核销明细', {
      at: ['核销时间', 18], merchant: ['商家', 20], offer: ['兑换项目', 24], resident: ['居民', 10],
      courtyard: ['院落', 20], points: ['积分', 10], clerk: ['核销店员', 10]
    })
    rows.sort((a, b) => (a.redeemedAt! < b.redeemedAt! ? -1 : 1))
    for (const v of rows) {
      detail.addRow({
        at: inZone(v.redeemedAt!).format('YYYY-MM-DD HH:mm'),
        merchant: v.merchantName,
        offer: v.offerTitle,
        // The settlement goes to the merchants: written for the public, names masked.
        resident: nameFor(PUBLIC, holderOf(v)),
        courtyard: v.courtyardName,
        points: fromTenths(v.pointsTenths),
        clerk: v.redeemedByName ?? '',
      })
    }
    return saveExport(book, communityId, `settlement-${input.month}`, `商家结算-${input.month}.xlsx`, ctx.openid)
  },
})
