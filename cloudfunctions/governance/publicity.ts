/** 结月 and 公示: closing a month, its publicity board (names by src/core/visibility), its Excel export (masked), and checking its digest chain. */
import { GLOSSARY, boardRemark } from '../../src/core/glossary'
import { DomainError } from '../../src/core/errors'
import { MONTH_STATUS_NAMES, type MonthCorrections, type MonthStatus, type PublicityItem, correctionNote } from '../../src/core/governance'
import { closeMonthInput, exportPublicityInput, publicityInput, verifyInput } from '../../src/core/governance.schema'
import { ENTRY_KIND_NAMES, entryCategory } from '../../src/core/ledger'
import { monthStatusOf, objectionsOpen } from '../../src/core/months'
import { inZone } from '../../src/core/period'
import { fromTenths } from '../../src/core/points'
import { PUBLIC, type Viewer, nameFor, viewerOf } from '../../src/core/visibility'
import { type Db, readAll } from '../_shared/cloud'
import { administeredCommunity, communityOf } from '../_shared/community'
import { action, type MemberCtx } from '../_shared/handler'
import { affectsScore, type LedgerRecord } from '../_shared/ledger'
import { closeMonth as close, getMonth, type MonthRecord, rankingsOf, suspendedAt, verifyChain } from '../_shared/months'
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

/** The month an entry counts in: its own, or for a correction of an earlier month's entry, that month (`scoreMonth`). */
const countsIn = (e: LedgerRecord) => e.scoreMonth ?? e.month

/**
 * What the board of `month` shows of the ledger: what was earned, deducted or corrected and counts in that month — not
 * spending and its refunds. A correction written later (an objection upheld the month after) is on the board of the
 * month it corrects, as it is in that month's scores: so the month's entries as shown add up to its rankings.
 */
const onBoard = (month: string) => (e: LedgerRecord) => affectsScore(e) && countsIn(e) === month

/** Corrections written after `month` that count in it (an upheld objection, an admin's reversal): they end its board, oldest first. */
async function lateCorrections(db: Db, communityId: string, month: string): Promise<LedgerRecord[]> {
  const rows = await readAll<LedgerRecord>(db, 'ledger', { communityId, scoreMonth: month })
  return rows.filter((e) => e.month !== month && affectsScore(e)).sort((a, b) => a.at.localeCompare(b.at) || a._id.localeCompare(b._id))
}

/** What the items of a page need besides themselves: the month's close, each entry's reversal, and the originals of corrections (for their 类别). */
interface Around {
  closedAt?: string
  reversals: Map<string, LedgerRecord>
  originals: Map<string, LedgerRecord>
}

async function around(db: Db, entries: LedgerRecord[], closedAt: string | undefined): Promise<Around> {
  const _ = db.command
  const ids = entries.map((e) => e._id)
  const wanted = [...new Set(entries.filter((e) => e.reverses && !e.category).map((e) => e.reverses!))]
  const [reversals, originals] = await Promise.all([
    ids.length ? ((await db.collection('ledger').where({ reverses: _.in(ids) }).limit(1000).get()).data as LedgerRecord[]) : [],
    wanted.length ? ((await db.collection('ledger').where({ _id: _.in(wanted) }).limit(1000).get()).data as LedgerRecord[]) : [],
  ])
  return { closedAt, reversals: new Map(reversals.map((r) => [r.reverses!, r])), originals: new Map(originals.map((o) => [o._id, o])) }
}

/** Whether `at` is after the month's close (its publication). */
const afterClose = (closedAt: string | undefined, at: string | undefined) => !!closedAt && !!at && at > closedAt

/** An entry of the board: whose (as `viewer` may see the name), what, its 类别, where, when; reversed, and 已更正 if that happened after publication. */
const toItem = (viewer: Viewer, e: LedgerRecord, a: Around): PublicityItem => {
  const reversal = a.reversals.get(e._id)
  return {
    entryId: e._id,
    name: nameFor(viewer, { kind: 'person', name: e.residentName, communityId: e.communityId, gridId: e.gridId, courtyardId: e.courtyardId, residentId: e.residentId }),
    courtyard: e.courtyardName,
    item: e.note ?? ENTRY_KIND_NAMES[e.kind],
    category: entryCategory(e, e.reverses ? a.originals.get(e.reverses) : null),
    points: fromTenths(e.delta),
    kind: e.kind,
    at: e.at,
    ...(reversal ? { reversed: true } : {}),
    ...(afterClose(a.closedAt, e.at) || afterClose(a.closedAt, reversal?.at) ? { corrected: true } : {}),
  }
}

/** A page of a month's board (the month's own entries in `_id` order, then on the last page the corrections written later). */
async function boardPage(ctx: MemberCtx, viewer: Viewer, communityId: string, month: string, offset: number, size: number, closedAt: string | undefined, late: LedgerRecord[]) {
  const rows = (await ctx.db.collection('ledger').where({ communityMonth: `${communityId}|${month}` }).orderBy('_id', 'asc').skip(offset).limit(size + 1).get()).data as LedgerRecord[]
  const more = rows.length > size
  const shown = [...rows.slice(0, size).filter(onBoard(month)), ...(more ? [] : late)]
  const a = await around(ctx.db, shown, closedAt)
  return { items: shown.map((e) => toItem(viewer, e, a)), more }
}

/** One entry of the month's board (NOT_FOUND if it is not on it), and whether it was reversed since. */
async function oneEntry(ctx: MemberCtx, viewer: Viewer, communityId: string, month: string, entryId: string, closedAt: string | undefined) {
  const entry = ((await ctx.db.collection('ledger').doc(entryId).get()).data as LedgerRecord[])[0]
  if (!entry || entry.communityId !== communityId || !onBoard(month)(entry)) throw new DomainError('NOT_FOUND', '公示栏上没有这条记录')
  return { items: [toItem(viewer, entry, await around(ctx.db, [entry], closedAt))], more: false }
}

/** The note on a month corrected after its publication (null if it was not): how many corrections since the close, the last one's time, in words. */
function correctionsOf(closedAt: string | undefined, late: LedgerRecord[]): MonthCorrections | null {
  const since = late.filter((e) => afterClose(closedAt, e.at))
  if (since.length === 0) return null
  const lastAt = since.reduce((last, e) => (e.at > last ? e.at : last), since[0].at)
  return { count: since.length, lastAt, note: correctionNote(since.length, inZone(lastAt).format('M月D日')) }
}

/**
 * A published month's rankings as `viewer` sees them: read from the month's scores now (every correction counted in the
 * month is in them — the one source of the board, its print, the leaderboard and the dashboard), the suspended left
 * out as on the leaderboard; residents and households by the one rule of names (张*英, 张*英家), places whole.
 */
async function rankingsFor(ctx: MemberCtx, viewer: Viewer, communityId: string, month: string) {
  const rankings = await rankingsOf(ctx.db, communityId, month, await suspendedAt(ctx.db, communityId, ctx.now()))
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
 * form); `summary` for the month's status alone (the home page's notice). A published month's rankings are its
 * scores as they are now, corrections included; `corrected` notes a month corrected after its publication.
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
    const closedAt = record?.closedAt
    const late = input.summary ? [] : await lateCorrections(ctx.db, communityId, input.month)
    const { items, more } = input.summary
      ? { items: [], more: false }
      : input.entryId
        ? await oneEntry(ctx, viewer, communityId, input.month, input.entryId, closedAt)
        : await boardPage(ctx, viewer, communityId, input.month, offset, PAGE, closedAt, late)
    const now = ctx.now().toISOString()
    const window: { windowEndsAt?: string; objectionsOpen: boolean } = record?.windowEndsAt
      ? { windowEndsAt: record.windowEndsAt, objectionsOpen: objectionsOpen(record, now) }
      : { objectionsOpen: false }
    const corrected = correctionsOf(closedAt, late)
    return {
      month: input.month,
      status,
      statusName: MONTH_STATUS_NAMES[status],
      ...window,
      ...(record?.digest ? { digest: record.digest, entryCount: record.entryCount ?? 0 } : {}),
      ...(corrected ? { corrected } : {}),
      ...(record?.rankings ? { rankings: await rankingsFor(ctx, viewer, communityId, input.month) } : {}),
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
      at: ['日期', 12], name: ['居民', 10], courtyard: ['院落', 22], item: ['事项', 28], kind: ['类别', 10],
      points: ['积分', 8], remark: ['备注', 18]
    })
    let count = 0
    const late = await lateCorrections(ctx.db, communityId, input.month)
    for (let offset = 0; ; offset += 1000) {
      // The export goes on the notice board: written for the public, every name masked.
      const { items, more } = await boardPage(ctx, PUBLIC, communityId, input.month, offset, 1000, record?.closedAt, late)
      for (const i of items) {
        sheet.addRow({ at: inZone(i.at).format('MM-DD'), name: i.name, courtyard: i.courtyard, item: i.item, kind: i.category, points: i.points, remark: boardRemark(i) })
        count++
      }
      if (!more) break
    }
    if (count === 0) throw new DomainError('NOT_FOUND', `${input.month} 没有可公示的积分记录`)
    sheet.addRow({})
    sheet.addRow({ at: record ? `${MONTH_STATUS_NAMES[record.status as MonthStatus]}，公示期至 ${record.windowEndsAt ? inZone(record.windowEndsAt).format('YYYY-MM-DD') : ''}` : '未结月' })
    const corrected = correctionsOf(record?.closedAt, late)
    if (corrected) sheet.addRow({ at: corrected.note })
    if (record?.digest) sheet.addRow({ at: `${GLOSSARY.verifyCode} ${record.digest}` })
    return saveExport(book, communityId, `publicity-${input.month}`, `积分公示-${input.month}.xlsx`, ctx.openid)
  },
})
