/** 结月 and 公示: closing a month, its publicity board (names by src/core/visibility), its Excel export (masked), and checking its digest chain. */
import { DomainError } from '../../src/core/errors'
import { MONTH_STATUS_NAMES, type MonthStatus, type PublicityItem } from '../../src/core/governance'
import { closeMonthInput, exportPublicityInput, publicityInput, verifyInput } from '../../src/core/governance.schema'
import { ENTRY_KIND_NAMES } from '../../src/core/ledger'
import { monthStatusOf, objectionsOpen } from '../../src/core/months'
import { inZone } from '../../src/core/period'
import { fromTenths } from '../../src/core/points'
import { PUBLIC, type Viewer, nameFor, viewerOf } from '../../src/core/visibility'
import { administeredCommunity, communityOf } from '../_shared/community'
import { action, type MemberCtx } from '../_shared/handler'
import { affectsScore, type LedgerRecord } from '../_shared/ledger'
import { closeMonth as close, getMonth, type MonthRecord, verifyChain } from '../_shared/months'
import { saveExport, sheetOf, workbook } from '../_shared/exports'
import { rankedNames } from '../_shared/visibility'

const PAGE = 50

const answerClose = (m: MonthRecord) => ({
  month: m.month,
  status: 'closed' as const,
  digest: m.digest!,
  previousDigest: m.previousDigest!,
  entryCount: m.entryCount ?? 0,
  closedAt: m.closedAt!,
  windowEndsAt: m.windowEndsAt!,
  ...(m.finalizedAt ? { finalizedAt: m.finalizedAt } : {}),
})

/** 结月 (admin; the timer does it on the 1st at 02:00): closing the same month again changes nothing and answers the same. */
export const closeMonth = action({
  input: closeMonthInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const communityId = administeredCommunity(ctx)
    const record = await close(ctx.db, communityId, input.month, ctx.now(), ctx.openid)
    ctx.audit({ target: { type: 'month', id: record._id }, after: { digest: record.digest, entryCount: record.entryCount, windowEndsAt: record.windowEndsAt } })
    return answerClose(record)
  },
})

/** What the board shows of the ledger: what was earned, deducted or corrected — not spending and its refunds. */
const onBoard = affectsScore

/** An entry of the board: whose (as `viewer` may see the name), what, where, when. */
const toItem = (viewer: Viewer, e: LedgerRecord, reversed: Set<string>): PublicityItem => ({
  entryId: e._id,
  name: nameFor(viewer, { kind: 'person', name: e.residentName, communityId: e.communityId, gridId: e.gridId, courtyardId: e.courtyardId, residentId: e.residentId }),
  courtyard: e.courtyardName,
  item: e.note ?? ENTRY_KIND_NAMES[e.kind],
  points: fromTenths(e.delta),
  kind: e.kind,
  at: e.at,
  ...(reversed.has(e._id) ? { reversed: true } : {}),
})

/** A page of a month's board, and which of its entries were reversed since (an upheld objection, a correction). */
async function boardPage(ctx: MemberCtx, viewer: Viewer, communityId: string, month: string, offset: number, size: number) {
  const rows = (await ctx.db.collection('ledger').where({ communityMonth: `${communityId}|${month}` }).orderBy('_id', 'asc').skip(offset).limit(size + 1).get()).data as LedgerRecord[]
  const shown = rows.slice(0, size).filter(onBoard)
  const _ = ctx.db.command
  const ids = shown.map((e) => e._id)
  const reversals = ids.length ? ((await ctx.db.collection('ledger').where({ reverses: _.in(ids) }).limit(1000).get()).data as LedgerRecord[]) : []
  const reversed = new Set(reversals.map((r) => r.reverses!))
  return { items: shown.map((e) => toItem(viewer, e, reversed)), more: rows.length > size }
}

/** One entry of the month's board (NOT_FOUND if it is not on it), and whether it was reversed since. */
async function oneEntry(ctx: MemberCtx, viewer: Viewer, communityId: string, month: string, entryId: string) {
  const entry = ((await ctx.db.collection('ledger').doc(entryId).get()).data as LedgerRecord[])[0]
  if (!entry || entry.communityMonth !== `${communityId}|${month}` || !onBoard(entry)) throw new DomainError('NOT_FOUND', '公示栏上没有这条记录')
  const reversal = (await ctx.db.collection('ledger').where({ reverses: entry._id }).limit(1).get()).data as LedgerRecord[]
  return { items: [toItem(viewer, entry, new Set(reversal.length ? [entry._id] : []))], more: false }
}

/** A published ranking as `viewer` sees it: residents and households by the one rule (张*英, 张*英家), places whole. */
async function rankingsFor(ctx: MemberCtx, viewer: Viewer, communityId: string, rankings: NonNullable<MonthRecord['rankings']>) {
  const levels = await Promise.all(
    Object.entries(rankings).map(async ([level, rows]) => {
      if (level !== 'resident' && level !== 'household') return [level, rows] as const
      const names = await rankedNames(ctx.db, viewer, communityId, level, rows)
      return [level, rows.map((r, i) => ({ ...r, name: names[i] }))] as const
    }),
  )
  return Object.fromEntries(levels) as typeof rankings
}

/**
 * 公示栏: a month's entries, for every member of the community, each name as the viewer may see it (masked but for
 * themselves and the officials over them); `cursor` pages on. `entryId` asks for that one entry (the objection
 * form); `summary` for the month's status alone (the home page's notice).
 */
export const publicity = action({
  input: publicityInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const communityId = communityOf(ctx)
    const record = await getMonth(ctx.db, communityId, input.month)
    const status = monthStatusOf(record)
    const offset = Number(input.cursor ?? 0)
    const viewer = viewerOf(ctx)
    const { items, more } = input.summary
      ? { items: [], more: false }
      : input.entryId
        ? await oneEntry(ctx, viewer, communityId, input.month, input.entryId)
        : await boardPage(ctx, viewer, communityId, input.month, offset, PAGE)
    const now = ctx.now().toISOString()
    const window: { windowEndsAt?: string; objectionsOpen: boolean } = record?.windowEndsAt
      ? { windowEndsAt: record.windowEndsAt, objectionsOpen: objectionsOpen(record, now) }
      : { objectionsOpen: false }
    return {
      month: input.month,
      status,
      statusName: MONTH_STATUS_NAMES[status],
      ...window,
      ...(record?.digest ? { digest: record.digest, entryCount: record.entryCount ?? 0 } : {}),
      ...(record?.rankings ? { rankings: await rankingsFor(ctx, viewer, communityId, record.finalRankings ?? record.rankings) } : {}),
      items,
      ...(more ? { cursor: String(offset + PAGE) } : {}),
    }
  },
})

/** Recomputes the month's digest chain from the ledger: `valid` is false if anything published was changed since. */
export const verify = action({
  input: verifyInput,
  access: 'member',
  handler: async ({ ctx, input }) => verifyChain(ctx.db, communityOf(ctx), input.month),
})

/** The month's board as an Excel workbook for the notice board or the archive (admin): a link good for an hour. */
export const exportPublicity = action({
  input: exportPublicityInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const communityId = administeredCommunity(ctx)
    const record = await getMonth(ctx.db, communityId, input.month)
    const book = workbook()
    const sheet = sheetOf(book, `${input.month} 积分公示`, {
      at: ['日期', 12], name: ['居民', 10], courtyard: ['院落', 22], item: ['事项', 28], kind: ['类别', 8],
      points: ['积分', 8], remark: ['备注', 14]
    })
    let count = 0
    for (let offset = 0; ; offset += 1000) {
      // The export goes on the notice board: written for the public, every name masked.
      const { items, more } = await boardPage(ctx, PUBLIC, communityId, input.month, offset, 1000)
      for (const i of items) {
        sheet.addRow({ at: inZone(i.at).format('MM-DD'), name: i.name, courtyard: i.courtyard, item: i.item, kind: ENTRY_KIND_NAMES[i.kind as keyof typeof ENTRY_KIND_NAMES], points: i.points, remark: i.reversed ? '已冲正' : '' })
        count++
      }
      if (!more) break
    }
    if (count === 0) throw new DomainError('NOT_FOUND', `${input.month} 没有可公示的积分记录`)
    sheet.addRow({})
    sheet.addRow({ at: record ? `${MONTH_STATUS_NAMES[record.status as MonthStatus]}，公示期至 ${record.windowEndsAt ? inZone(record.windowEndsAt).format('YYYY-MM-DD') : ''}` : '未结月' })
    if (record?.digest) sheet.addRow({ at: `校验码 ${record.digest}` })
    return saveExport(book, communityId, `publicity-${input.month}`, `积分公示-${input.month}.xlsx`, ctx.openid)
  },
})
