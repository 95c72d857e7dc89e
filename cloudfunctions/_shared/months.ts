/**
 * Month closes (一月一审核一公示). Closing a month freezes it: its ledger is read in `_id` order a thousand
 * entries at a time into a SHA-256 digest chained to the previous closed month's, its rankings are kept, and
 * its publicity window opens. When the window has ended (and no objection is still open) the month is final:
 * its pending points (monthly settlement) become spendable. `verifyChain` reads the ledger again and says
 * whether anything published was changed since.
 */
import { createHash } from 'node:crypto'
import { DomainError } from '../../src/core/errors'
import type { MonthClose } from '../../src/core/governance'
import { monthCloseProblem } from '../../src/core/months'
import { finalizeDue, monthStatusOf, nextMonthStatus } from '../../src/core/months'
import { monthKey } from '../../src/core/period'
import { fromTenths } from '../../src/core/points'
import { type Db, transaction } from './cloud'
import { type AccountRecord, type LedgerRecord, readAccount, scoreBucket, writeAccount } from './ledger'
import { readSettings } from './settings'
import { awardMonth } from './inspection-awards'

export const GENESIS = '0'.repeat(64)
const PAGE = 1000

export interface MonthRecord extends MonthClose {
  _id: string
  communityId: string
  totalTenths: number
  closedBy: string
  rankings?: Record<string, { id: string; name: string; score: number }[]>
  /** `due`: closed with `awardInspectionsAtClose` on, the inspection awards not yet paid; `done` once they are. */
  inspectionAwards?: 'due' | 'done'
  finalRankings?: Record<string, { id: string; name: string; score: number }[]>
}

export const monthDocId = (communityId: string, month: string) => `${communityId}:${month}`

export async function getMonth(db: Db, communityId: string, month: string): Promise<MonthRecord | null> {
  return ((await db.collection('months').doc(monthDocId(communityId, month)).get()).data as MonthRecord[])[0] ?? null
}

/** What of an entry the digest covers: everything that says who got what, when, why (never flags that change later). */
export const canonicalEntry = (e: LedgerRecord) =>
  JSON.stringify([e._id, e.accountId, e.delta, e.kind, e.source.type, e.source.id, e.operator, e.at, e.reverses ?? null, e.pendingMonth ?? null, e.scoreMonth ?? null])

/** Every ledger entry of a community's month, a page at a time, in `_id` order. */
export async function* monthEntries(db: Db, communityId: string, month: string): AsyncGenerator<LedgerRecord[]> {
  for (let offset = 0; ; offset += PAGE) {
    const page = (await db.collection('ledger').where({ communityMonth: `${communityId}|${month}` }).orderBy('_id', 'asc').skip(offset).limit(PAGE).get()).data as LedgerRecord[]
    if (page.length) yield page
    if (page.length < PAGE) return
  }
}

/** The month's digest, chained to `previousDigest`, read in pages (memory stays flat however long the month). */
export async function digestMonth(db: Db, communityId: string, month: string, previousDigest: string): Promise<{ digest: string; entryCount: number; totalTenths: number }> {
  const hash = createHash('sha256')
  let entryCount = 0
  let totalTenths = 0
  for await (const page of monthEntries(db, communityId, month)) {
    for (const e of page) {
      hash.update(canonicalEntry(e))
      hash.update('\n')
      entryCount++
      totalTenths += e.delta
    }
  }
  const digest = createHash('sha256').update(`${previousDigest}|${communityId}|${month}|${entryCount}|${hash.digest('hex')}`).digest('hex')
  return { digest, entryCount, totalTenths }
}

/** The latest closed month before `month` (the link of the chain), or null for the first. */
async function previousClosed(db: Db, communityId: string, month: string): Promise<MonthRecord | null> {
  const _ = db.command
  const rows = (await db.collection('months').where({ communityId, month: _.lt(month) }).orderBy('month', 'desc').limit(1).get()).data as MonthRecord[]
  return rows[0] ?? null
}

/**
 * A month's top of each ranking from its score documents (which every correction counted in the month updates), left of
 * `excluded` (the suspended): kept with the close and again when it is final, and read afresh for the board
 * (governance.publicity), so that the board, its print, the leaderboard and the dashboard show one number.
 */
export async function rankingsOf(db: Db, communityId: string, month: string, excluded: Set<string>) {
  const out: Record<string, { id: string; name: string; score: number }[]> = {}
  for (const [level, size] of [['resident', 20], ['household', 20], ['courtyard', 100], ['grid', 100]] as const) {
    const rows = (await db.collection('accounts').where({ bucket: scoreBucket(communityId, level, month) }).orderBy('scoreTenths', 'desc').limit(size + excluded.size).get()).data as { nodeId: string; name: string; scoreTenths: number }[]
    out[level] = rows.filter((r) => !excluded.has(r.nodeId)).slice(0, size).map((r) => ({ id: r.nodeId, name: r.name, score: fromTenths(r.scoreTenths) }))
  }
  return out
}

/** The residents and households on the black list at `at`: left out of rankings. */
export async function suspendedAt(db: Db, communityId: string, at: Date): Promise<Set<string>> {
  const _ = db.command
  const rows = (await db.collection('listings').where({ communityId, status: 'confirmed', list: 'black', until: _.gt(at.toISOString()) }).limit(1000).get()).data as { residentIds?: string[]; householdId?: string; target: string }[]
  const out = new Set<string>()
  for (const r of rows) {
    for (const id of r.residentIds ?? []) out.add(id)
    if (r.target === 'household' && r.householdId) out.add(r.householdId)
  }
  return out
}

/**
 * 结月: freezes a past month and opens its publicity. Closing a closed month changes nothing and answers it again.
 * Months close in order (the chain links each to the one before).
 */
export async function closeMonth(db: Db, communityId: string, month: string, now: Date, by: string): Promise<MonthRecord> {
  // When a month may close is one rule (core/governance), the admin's page's too: it is over, and no later month is closed.
  const current = monthKey(now)
  if (monthCloseProblem(month, current) === 'not_over') throw new DomainError('INPUT.INVALID', `${month} 还没有过完，下个月 1 日以后才能结月`)
  const existing = await getMonth(db, communityId, month)
  if (existing) return payInspectionsAtClose(db, existing, now)
  const before = await previousClosed(db, communityId, month)
  const _ = db.command
  const later = (await db.collection('months').where({ communityId, month: _.gt(month) }).limit(1).get()).data as MonthRecord[]
  if (monthCloseProblem(month, current, later[0]?.month) === 'later_closed') throw new DomainError('INPUT.INVALID', `已经结过 ${later[0].month}，不能再补结更早的月份`)
  const previousDigest = before?.digest ?? GENESIS
  const [{ digest, entryCount, totalTenths }, settings, excluded] = await Promise.all([
    digestMonth(db, communityId, month, previousDigest),
    readSettings(db, communityId),
    suspendedAt(db, communityId, now),
  ])
  const record: MonthRecord = {
    _id: monthDocId(communityId, month),
    communityId,
    month,
    // The month had no record: it was open (the month table, src/core/months).
    status: nextMonthStatus(monthStatusOf(existing), 'close'),
    digest,
    previousDigest,
    entryCount,
    totalTenths,
    closedAt: now.toISOString(),
    closedBy: by,
    windowEndsAt: new Date(now.getTime() + settings.publicityDays * 86_400_000).toISOString(),
    rankings: await rankingsOf(db, communityId, month, excluded),
    ...(settings.awardInspectionsAtClose ? { inspectionAwards: 'due' as const } : {}),
  }
  // Two closes at once (the timer and the admin): the document is written once, the second answers it.
  const closed = await transaction(db, async (tx) => {
    const again = ((await tx.collection('months').doc(record._id).get()).data ?? null) as MonthRecord | null
    if (again) return again
    const { _id, ...fields } = record
    await tx.collection('months').doc(_id).set(fields)
    return record
  })
  return payInspectionsAtClose(db, closed, now)
}

/**
 * The month's inspection awards, when it was closed with `awardInspectionsAtClose` on and they are still due: paid
 * once (_shared/inspection-awards: per inspection and household), then the month says `done`. A failure leaves them
 * due and the close stands: the next close of the month (the admin's again) or the timer's next tick pays them.
 */
export async function payInspectionsAtClose(db: Db, record: MonthRecord, now: Date, options: { rethrow?: boolean } = {}): Promise<MonthRecord> {
  if (record.inspectionAwards !== 'due') return record
  try {
    await awardMonth(db, record.communityId, record.month, now, { openid: 'system', name: '结月自动发放' })
    await db.collection('months').doc(record._id).update({ inspectionAwards: 'done' })
    return { ...record, inspectionAwards: 'done' }
  } catch (e) {
    if (options.rethrow) throw e
    console.error(`[months] ${record._id} 的卫生检查奖励没有发放成功，下次再试：`, e)
    return record
  }
}

/** Moves one account's pending points of `month` into its balance, once. */
async function releasePending(db: Db, accountId: string, month: string, at: string): Promise<void> {
  await transaction(db, async (tx) => {
    const account = await readAccount(tx, accountId)
    if (!account) return
    // A month listed without an amount (nothing left of it) is only taken off the list.
    const amount = account.pendingByMonth?.[month] ?? 0
    const pendingByMonth = { ...account.pendingByMonth }
    delete pendingByMonth[month]
    await writeAccount(tx, accountId, account, {
      balanceTenths: account.balanceTenths + amount,
      pendingTenths: account.pendingTenths - amount,
      pendingByMonth,
      pendingMonths: Object.keys(pendingByMonth).sort(),
      updatedAt: at,
    })
  })
}

/**
 * 认定: a closed month whose window has ended, with no objection still open, becomes final: its pending points
 * become spendable and its rankings are kept as final. Answers whether it did (false: not yet, or already).
 */
export async function finalizeMonth(db: Db, communityId: string, month: string, now: Date): Promise<boolean> {
  const record = await getMonth(db, communityId, month)
  if (!record || !finalizeDue(record, now.toISOString())) return false
  const open = (await db.collection('objections').where({ communityId, month, status: 'open' }).limit(1).get()).data
  if (open.length) return false
  const at = now.toISOString()
  // Each pass takes the month off the accounts it releases, so the next finds the rest (never the same ones again).
  for (let seen = new Set<string>(); ; ) {
    const accounts = (await db.collection('accounts').where({ communityId, pendingMonths: month }).limit(100).get()).data as AccountRecord[]
    const fresh = accounts.filter((a) => !seen.has(a._id))
    if (fresh.length === 0) break
    for (const a of fresh) {
      seen.add(a._id)
      await releasePending(db, a._id, month, at)
    }
  }
  const finalRankings = await rankingsOf(db, communityId, month, await suspendedAt(db, communityId, now))
  await db.collection('months').doc(record._id).update({ status: nextMonthStatus(record.status, 'finalize'), finalizedAt: at, finalRankings })
  return true
}

/** Recomputes the chain from the first closed month to `month`: valid only if every month's ledger is as it was closed. */
export async function verifyChain(db: Db, communityId: string, month: string): Promise<{ valid: boolean; digest: string | null; previousDigest: string | null; brokenAt?: string }> {
  const _ = db.command
  const months = (await db.collection('months').where({ communityId, month: _.lte(month) }).orderBy('month', 'asc').limit(1000).get()).data as MonthRecord[]
  const target = months.find((m) => m.month === month)
  if (!target) throw new DomainError('NOT_FOUND', `${month} 还没有结月`)
  let previous = GENESIS
  for (const m of months) {
    const { digest } = await digestMonth(db, communityId, m.month, previous)
    if (m.previousDigest !== previous || digest !== m.digest) return { valid: false, digest: target.digest ?? null, previousDigest: target.previousDigest ?? null, brokenAt: m.month }
    previous = digest
  }
  return { valid: true, digest: target.digest ?? null, previousDigest: target.previousDigest ?? null }
}
