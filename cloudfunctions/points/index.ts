/** 积分 — balances, the ledger, rankings, and the admin's adjustments and corrections. */
import { DomainError } from '../../src/core/errors'
import { reversalOf } from '../../src/core/ledger'
import { adjustInput, balanceInput, leaderboardInput, ledgerInput, residentInput, reverseInput } from '../../src/core/points.schema'
import { viewerOf } from '../../src/core/visibility'
import { DELETED_NAME } from '../../src/core/names'
import { monthKey, yearKey } from '../../src/core/period'
import { fromTenths, toTenths } from '../../src/core/points'
import { transaction } from '../_shared/cloud'
import { administeredCommunity } from '../_shared/community'
import { type MemberCtx, action, defineFunction } from '../_shared/handler'
import {
  type AccountRecord,
  type LedgerRecord,
  type Level,
  correctionAccount,
  householdAccountId,
  pendingOfCorrection,
  pickPlacement,
  postEntry,
  projectEntry,
  readAccount,
  residentAccountId,
  scoreBucket,
  scoreId,
  spendable,
  walletOf,
} from '../_shared/ledger'
import { pageBy } from '../_shared/paging'
import { revokeDeductionIn } from '../_shared/deductions'
import { decideDeduction, deduct, deductions } from './deductions'
import { assertReversible } from '../../src/core/reversals'
import { readSettings } from '../_shared/settings'
import { DEFAULT_SETTINGS } from '../../src/core/governance'
import { actsFor, movedAway, placementOf, residentInCommunity } from '../_shared/people'
import type { ResidentRecord } from '../_shared/org'
import { pageOfClaims } from '../claims/paging'
import { toClaim } from '../claims/records'
import type { VoucherRecord } from '../_shared/vouchers'
import { toVoucher } from '../_shared/vouchers'
import type { ListingRecord } from '../_shared/listings'
import { toListing } from '../governance/lists'
import { appliedOf } from '../_shared/listings'
import type { Claim } from '../../src/core/claim-input'
import { suspendedAt } from '../_shared/months'
import { rankedNames } from '../_shared/visibility'

const PAGE = 20

/**
 * The resident a caller asks about by id: themselves, or one in their charge — anyone in the admin's community, a
 * head's courtyard, a grid worker's grid (one rule: src/core/scope through `actsFor`). Anyone else is refused
 * (AUTH.FORBIDDEN); a resident of another community, or none, is NOT_FOUND. A deleted resident is still found (read only).
 */
async function residentInCharge(ctx: MemberCtx, residentId: string): Promise<ResidentRecord> {
  const resident = await residentInCommunity(ctx, residentId, { readOnly: true })
  if (resident._id !== ctx.user.residentId && !actsFor(ctx, resident, ['admin', 'grid', 'head'])) {
    throw new DomainError('AUTH.FORBIDDEN', '只能查看自己的积分，或您负责的院落、网格里居民的积分')
  }
  return resident
}

/**
 * What a member sees at a glance: spendable, pending, the household's score this year, and a head's 院长积分 this
 * month. With `residentId`, a resident in the caller's charge (the admin, their head, their grid worker): the same
 * figures of theirs (no 院长积分: that is the caller's own).
 */
const balance = action({
  input: balanceInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const { user } = ctx
    const now = ctx.now()
    const other = input.residentId && input.residentId !== user.residentId ? await residentInCharge(ctx, input.residentId) : null
    const headOf = other ? undefined : ctx.roles.find((r) => r.role === 'head')?.nodeId
    const householdId = other ? other.householdId : user.householdId
    const residentId = other ? other._id : user.residentId
    const wallet = residentId && householdId ? { residentId, householdId } : null
    const settings = user.communityId ? readSettings(ctx.db, user.communityId) : Promise.resolve(DEFAULT_SETTINGS)
    const ids = [
      wallet ? residentAccountId(wallet.residentId) : null,
      wallet ? householdAccountId(wallet.householdId) : null,
      householdId ? scoreId(yearKey(now), 'household', householdId) : null,
      headOf ? scoreId(monthKey(now), 'courtyard', headOf) : null,
    ].filter((id): id is string => !!id)
    const _ = ctx.db.command
    // The settings (which account is the wallet) are read alongside: two round trips in all.
    const [docs, { householdWallet }] = await Promise.all([
      ids.length ? ctx.db.collection('accounts').where({ _id: _.in(ids) }).limit(10).get().then((r) => r.data as (AccountRecord & { scoreTenths?: number })[]) : Promise.resolve([]),
      settings,
    ])
    const byId = new Map(docs.map((d) => [d._id, d]))
    const account = wallet ? byId.get(walletOf(wallet, householdWallet)) : undefined
    const suspendedUntil = wallet ? byId.get(residentAccountId(wallet.residentId))?.suspendedUntil : undefined
    return {
      available: fromTenths(spendable(account)),
      pending: fromTenths(account?.pendingTenths ?? 0),
      // Points held for the caller's own wishes (心愿定制): still theirs, not spendable until the wish ends.
      held: fromTenths(account?.heldTenths ?? 0),
      household: fromTenths(householdId ? (byId.get(scoreId(yearKey(now), 'household', householdId))?.scoreTenths ?? 0) : 0),
      householdWallet,
      ...(headOf ? { courtyardScore: fromTenths(byId.get(scoreId(monthKey(now), 'courtyard', headOf))?.scoreTenths ?? 0) } : {}),
      ...(suspendedUntil && suspendedUntil > now.toISOString() ? { suspendedUntil } : {}),
    }
  },
})

const toEntry = (r: LedgerRecord) => ({
  id: r._id,
  delta: fromTenths(r.delta),
  kind: r.kind,
  source: r.source,
  operator: r.operatorName,
  at: r.at,
  balanceAfter: fromTenths(r.balanceAfter),
  note: r.note ?? null,
})

/** A resident's ledger, newest first: their own, or (with `residentId`) one in the caller's charge: the admin's, their head's, their grid worker's. */
const ledger = action({
  input: ledgerInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    let owner = ctx.user.residentId && ctx.user.householdId ? { residentId: ctx.user.residentId, householdId: ctx.user.householdId } : null
    if (input.residentId && input.residentId !== owner?.residentId) {
      const resident = await residentInCharge(ctx, input.residentId)
      owner = { residentId: resident._id, householdId: resident.householdId }
    }
    if (!owner) return { items: [] }
    // With the household wallet on, the statement is the household's: that is where points come and go.
    const { householdWallet } = await readSettings(ctx.db, ctx.user.communityId!)
    const where: Record<string, unknown> = { accountId: walletOf(owner, householdWallet) }
    if (input.kind) where.kind = input.kind
    // By (at, _id): a wallet move or one request's entries share an instant, and a page boundary must not skip them.
    const page = await pageBy<LedgerRecord>(ctx.db, 'ledger', where, { field: 'at', direction: 'desc', cursor: input.cursor, size: PAGE })
    return { items: page.items.map(toEntry), ...(page.cursor ? { cursor: page.cursor } : {}) }
  },
})

/**
 * Rankings by period score (spending never lowers a rank), at every level. Residents and households on the black
 * list are left out while suspended, and residents who moved away from then on. A person's or household's name is masked unless the viewer may see it whole
 * (src/core/visibility: themselves, the admin, the head of their courtyard, the grid worker of their grid).
 */
const leaderboard = action({
  input: leaderboardInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const communityId = ctx.user.communityId!
    const offset = Number(input.cursor ?? 0)
    const personal = input.level === 'resident' || input.level === 'household'
    const [page, excluded] = await Promise.all([
      ctx.db.collection('accounts').where({ bucket: scoreBucket(communityId, input.level as Level, input.key) }).orderBy('scoreTenths', 'desc').skip(offset).limit(PAGE + 1).get(),
      // Left out: those suspended by the black list, and residents who moved away.
      personal ? Promise.all([suspendedAt(ctx.db, communityId, ctx.now()), input.level === 'resident' ? movedAway(ctx.db, communityId) : new Set<string>()]).then(([a, b]) => new Set([...a, ...b])) : Promise.resolve(new Set<string>()),
    ])
    const rows = page.data as { nodeId: string; name: string; scoreTenths: number }[]
    // Grid scores carry no name: the grids' own.
    const names = new Map<string, string>()
    if (input.level === 'grid' && rows.length) {
      const _ = ctx.db.command
      for (const n of (await ctx.db.collection('orgNodes').where({ _id: _.in(rows.map((r) => r.nodeId)) }).limit(PAGE + 1).get()).data as { _id: string; name: string }[]) names.set(n._id, n.name)
    }
    // A suspended row keeps its place in the page (so the cursor stays true) but is not shown; the ranks close up.
    const shown = rows.slice(0, PAGE).filter((r) => !excluded.has(r.nodeId))
    // People and households by the one rule of who sees whose name; courtyards and grids are places, named whole.
    const personalNames = personal ? await rankedNames(ctx.db, viewerOf(ctx), communityId, input.level as 'resident' | 'household', shown.map((r) => ({ id: r.nodeId, name: r.name }))) : null
    const items = shown.map((r, i) => ({
      rank: offset + i + 1,
      id: r.nodeId,
      name: personalNames ? personalNames[i] : (names.get(r.nodeId) ?? r.name),
      score: fromTenths(r.scoreTenths),
    }))
    return rows.length > PAGE ? { items, cursor: String(offset + PAGE) } : { items }
  },
})

/** An admin's correction (调整): its own ledger entry with a reason; a retried requestId posts once. */
const adjust = action({
  input: adjustInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const communityId = administeredCommunity(ctx)
    const resident = await residentInCommunity(ctx, input.residentId)
    const key = `adjust:${communityId}:${input.requestId}`
    const existing = ((await ctx.db.collection('ledger').doc(key).get()).data as LedgerRecord[])[0]
    if (existing) return { entry: toEntry(existing) }
    // Into the account the resident spends from now: their own, or the household's while the wallet is on.
    const [placement, settings] = await Promise.all([placementOf(ctx.db, resident), readSettings(ctx.db, communityId)])
    const accountId = walletOf(placement, settings.householdWallet)
    const entry = await transaction(ctx.db, async (tx) => {
      const again = (await tx.collection('ledger').doc(key).get()).data as LedgerRecord | null
      if (again) return again
      return postEntry(
        tx,
        { key, accountId, delta: toTenths(input.delta), kind: 'adjustment', source: { type: 'adjustment', id: key }, operator: ctx.openid, operatorName: ctx.user.name, note: input.reason },
        placement,
        ctx.now(),
      )
    })
    await projectEntry(ctx.db, entry._id)
    ctx.audit({ target: { type: 'resident', id: resident._id }, after: toEntry(entry) })
    return { entry: toEntry(entry) }
  },
})

/**
 * A correction (冲正): the admin reverses an entry with a reason. Nothing is edited or deleted — a new
 * entry with the opposite delta is written, once (its key derives from the reversed entry), and the
 * scores follow. A reversal that would take the balance below zero is refused. Only what the core's table allows
 * (core/reversals): a voucher's debit is undone by cancelling the voucher, a wallet move by switching back.
 * It posts to the wallet that pays now (the household wallet may have been switched since), and while the entry's
 * month is still pending there, to its pending points.
 */
const reverse = action({
  input: reverseInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const communityId = administeredCommunity(ctx)
    const [found, { householdWallet }] = await Promise.all([ctx.db.collection('ledger').doc(input.entryId).get(), readSettings(ctx.db, communityId)])
    const original = (found.data as LedgerRecord[])[0]
    if (!original || original.communityId !== communityId) throw new DomainError('NOT_FOUND', '没有这条积分记录')
    assertReversible(original)
    if (original.delta === 0) {
      // A 0-point entry (taken from an empty account) has nothing to move back; a deduction item's is still undone.
      if (original.source.type !== 'deduction') throw new DomainError('INPUT.INVALID', '这条记录是 0 分，没有要冲正的积分')
      await transaction(ctx.db, (tx) => revokeDeductionIn(tx, original.source.id, ctx.now().toISOString(), `冲正：${input.reason}`))
      ctx.audit({ target: { type: 'entry', id: original._id }, before: toEntry(original), after: { revokedDeduction: original.source.id } })
      return { entry: toEntry(original) }
    }
    const accountId = correctionAccount(original, householdWallet)
    const draft = reversalOf({ key: original._id, accountId, delta: original.delta, source: original.source }, ctx.openid)
    const entry = await transaction(ctx.db, async (tx) => {
      const done = (await tx.collection('ledger').doc(draft.key).get()).data as LedgerRecord | null
      if (done) return done
      const account = await readAccount(tx, accountId)
      // A deduction item's entry: the deduction is marked revoked in the same transaction.
      if (original.source.type === 'deduction') await revokeDeductionIn(tx, original.source.id, ctx.now().toISOString(), `冲正：${input.reason}`)
      // The placement only: the original's own fields (its pending month, say) are not the reversal's.
      return postEntry(tx, { ...draft, operatorName: ctx.user.name, note: `冲正：${original.note ?? ''}（${input.reason}）`, ...(original.category ? { category: original.category } : {}) }, pickPlacement(original), ctx.now(), {
        account,
        scoreMonth: original.scoreMonth ?? original.month,
        ...pendingOfCorrection(original, account),
      })
    })
    await projectEntry(ctx.db, entry._id)
    ctx.audit({ target: { type: 'entry', id: original._id }, before: toEntry(original), after: toEntry(entry) })
    return { entry: toEntry(entry) }
  },
})

export type LedgerItem = ReturnType<typeof toEntry>

/**
 * 居民查询 (staff): one resident in the caller's charge — who and where they are, their latest claims (as their
 * reviewers read them), vouchers and red/black-list entries. The balance and the ledger are `balance` and `ledger`
 * with the same `residentId`.
 */
const resident = action({
  input: residentInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const person = await residentInCharge(ctx, input.residentId)
    const viewer = viewerOf(ctx)
    const _ = ctx.db.command
    const [placement, claims, vouchers, listings] = await Promise.all([
      placementOf(ctx.db, person),
      pageOfClaims(ctx.db, { residentId: person._id }, 'desc', undefined),
      pageBy<VoucherRecord>(ctx.db, 'vouchers', { residentId: person._id }, { field: 'issuedAt', direction: 'desc', size: PAGE }),
      ctx.db
        .collection('listings')
        .where(_.or([{ residentId: person._id }, { householdId: person.householdId, target: 'household' }]))
        .limit(100)
        .get()
        .then((r) => r.data as ListingRecord[]),
    ])
    const official = ctx.roles.some((r) => r.role === 'admin' || r.role === 'grid')
    const now = ctx.now().toISOString()
    const applied = await appliedOf(ctx.db, listings.filter((l) => l.status !== 'proposed').map((l) => l._id))
    return {
      resident: {
        id: person._id,
        name: person.name,
        courtyardId: person.courtyardId,
        courtyardName: placement.courtyardName,
        householdId: person.householdId,
        householdName: placement.householdName,
        hasPhone: !!person.openid,
        deleted: person.status === 'deleted' || person.name === DELETED_NAME,
      },
      claims: claims.items.map((c): Claim => toClaim(c, { viewer, openid: ctx.openid, others: new Map() })),
      moreClaims: !!claims.cursor,
      vouchers: vouchers.items.map((v) => toVoucher(v, viewer)),
      moreVouchers: !!vouchers.cursor,
      listings: listings.sort((a, b) => (b.proposedAt ?? '').localeCompare(a.proposedAt ?? '')).map((l) => toListing(l, viewer, official, now, applied.get(l._id) ?? 0)),
    }
  },
})

/** The action table: `main` serves it, and the client's types (src/api/contract.ts) are read from it. */
export const actions = { balance, ledger, resident, leaderboard, adjust, reverse, deduct, deductions, decideDeduction }

export const main = defineFunction('points', actions)
