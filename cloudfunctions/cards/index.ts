/**
 * 积分卡 — a card for a resident without a phone (src/core/cards.ts; the token and PIN in _shared/cards.ts).
 *   get       the admin, or the 院长 of the resident's courtyard: the resident's card now (null: none), without its token's use being logged
 *   issue     the admin, or the 院长 of the resident's courtyard: a new card (issuing again revokes the old one; the PIN stays the person's)
 *   setPin    the same, with the holder present: their 4-digit PIN (hashed with a salt; the count of wrong tries cleared)
 *   revoke    the same: the card stops working at once
 *   lookup    the admin, a 院长, a grid worker, a merchant's clerk: who holds the card (masked for those not in charge) and their points
 *   sheet     the admin or the 院长: the cards of a courtyard (or of residents named), with their tokens, for the printable A4 sheet
 */
import { DomainError } from '../../src/core/errors'
import { fromTenths } from '../../src/core/points'
import { getInput, issueInput, lookupInput, revokeInput, setPinInput, sheetInput } from '../../src/core/cards.schema'
import { viewerOf, nameFor } from '../../src/core/visibility'
import { type CardRecord, cardOfToken, hashPin, newCardId, newCardNumber, tokenOf } from '../_shared/cards'
import { readAll, transaction } from '../_shared/cloud'
import { communityOf } from '../_shared/community'
import { type MemberCtx, action, defineFunction } from '../_shared/handler'
import { type AccountRecord, spendable, walletOf } from '../_shared/ledger'
import { getNode, nodeInScope, type ResidentRecord } from '../_shared/org'
import { actsFor, placementOf, residentInCommunity } from '../_shared/people'
import { readSettings } from '../_shared/settings'

type CardResident = ResidentRecord & { cardId?: string | null }

/** A resident of the caller's community whose cards the caller keeps: the admin's, or a 院长's of their courtyard. */
async function holderInCharge(ctx: MemberCtx, residentId: string): Promise<CardResident> {
  const resident = (await residentInCommunity(ctx, residentId)) as CardResident
  if (!actsFor(ctx, resident, ['admin', 'head'])) throw new DomainError('AUTH.FORBIDDEN', '只能为本院落的居民办理积分卡')
  return resident
}

/** A card as its keepers see it: the number, whether it has a PIN and is locked, and (for printing and NFC) its token. */
const toCard = (c: CardRecord, now: Date) => ({
  number: c.number,
  token: tokenOf(c._id),
  status: c.status,
  issuedAt: c.issuedAt,
  hasPin: !!c.pinHash,
  locked: !!c.lockedUntil && c.lockedUntil > now.toISOString(),
})

const currentCard = async (ctx: MemberCtx, resident: CardResident): Promise<CardRecord | null> =>
  resident.cardId ? (((await ctx.db.collection('cards').doc(resident.cardId).get()).data as CardRecord[])[0] ?? null) : null

/** The resident's card in use (its number, whether it has a PIN, whether it is locked), or null. Read only: not logged. */
const get = action({
  input: getInput,
  access: ['admin', 'head'],
  handler: async ({ ctx, input }) => {
    const resident = await holderInCharge(ctx, input.residentId)
    const card = await currentCard(ctx, resident)
    return { card: card && card.status === 'active' ? toCard(card, ctx.now()) : null }
  },
})

/** 发卡: a new card; one the resident had is revoked in the same transaction (a lost card stops working). */
const issue = action({
  input: issueInput,
  access: ['admin', 'head'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const seen = await holderInCharge(ctx, input.residentId)
    const now = ctx.now()
    const iso = now.toISOString()
    const card = await transaction(ctx.db, async (tx) => {
      const resident = ((await tx.collection('residents').doc(seen._id).get()).data ?? null) as CardResident | null
      if (!resident) throw new DomainError('NOT_FOUND', '没有找到这位居民')
      const old = resident.cardId ? (((await tx.collection('cards').doc(resident.cardId).get()).data ?? null) as CardRecord | null) : null
      if (old?.status === 'active') await tx.collection('cards').doc(old._id).update({ status: 'revoked', revokedAt: iso, revokedBy: ctx.openid })
      const record: CardRecord = {
        _id: newCardId(),
        communityId: resident.communityId,
        residentId: resident._id,
        number: newCardNumber(),
        status: 'active',
        issuedAt: iso,
        issuedBy: ctx.openid,
        issuedByName: ctx.user.name,
        // The PIN is the person's: it goes with them to the new card.
        ...(old?.pinHash ? { pinHash: old.pinHash, pinSalt: old.pinSalt, pinSetAt: old.pinSetAt } : {}),
        failures: [],
        lockedUntil: null,
      }
      const { _id, ...fields } = record
      await tx.collection('cards').doc(_id).set(fields)
      await tx.collection('residents').doc(resident._id).update({ cardId: _id })
      return record
    })
    ctx.audit({ target: { type: 'resident', id: seen._id }, after: { card: card.number, name: seen.name } })
    return { card: toCard(card, now) }
  },
})

/** 设密码: the holder, present, says a 4-digit PIN to the admin or their 院长; stored hashed, the wrong tries cleared. */
const setPin = action({
  input: setPinInput,
  access: ['admin', 'head'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const resident = await holderInCharge(ctx, input.residentId)
    const card = await currentCard(ctx, resident)
    if (!card || card.status !== 'active') throw new DomainError('NOT_FOUND', '这位居民还没有积分卡，请先发卡')
    const now = ctx.now()
    await ctx.db.collection('cards').doc(card._id).update({ ...hashPin(input.pin), pinSetAt: now.toISOString(), failures: [], lockedUntil: null })
    ctx.audit({ target: { type: 'resident', id: resident._id }, after: { card: card.number, name: resident.name } })
    return { card: toCard({ ...card, pinHash: 'set', failures: [], lockedUntil: null }, now) }
  },
})

/** 挂失作废: the card stops working at once; the resident can be given a new one. */
const revoke = action({
  input: revokeInput,
  access: ['admin', 'head'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const resident = await holderInCharge(ctx, input.residentId)
    const card = await currentCard(ctx, resident)
    if (!card || card.status !== 'active') throw new DomainError('NOT_FOUND', '这位居民没有在用的积分卡')
    const now = ctx.now()
    await transaction(ctx.db, async (tx) => {
      await tx.collection('cards').doc(card._id).update({ status: 'revoked', revokedAt: now.toISOString(), revokedBy: ctx.openid })
      await tx.collection('residents').doc(resident._id).update({ cardId: null })
    })
    ctx.audit({ target: { type: 'resident', id: resident._id }, before: { card: card.number } })
    return { card: toCard({ ...card, status: 'revoked' }, now) }
  },
})

/**
 * 读卡: who holds the card and what they may spend. Staff over the holder see the name whole and the resident's id
 * (to claim for them, to open their points); a clerk, or staff of another courtyard, the masked name only.
 */
const lookup = action({
  input: lookupInput,
  access: ['admin', 'head', 'grid', 'merchant'],
  handler: async ({ ctx, input }) => {
    const communityId = communityOf(ctx)
    const card = await cardOfToken(ctx.db, input.token, communityId)
    const resident = ((await ctx.db.collection('residents').doc(card.residentId).get()).data as ResidentRecord[])[0]
    if (!resident || resident.status) throw new DomainError('CARD.REVOKED', '持卡的居民已经搬走或注销，这张卡不能再用')
    const [placement, settings] = await Promise.all([placementOf(ctx.db, resident), readSettings(ctx.db, communityId)])
    const account = ((await ctx.db.collection('accounts').doc(walletOf(placement, settings.householdWallet)).get()).data as AccountRecord[])[0]
    const inCharge = actsFor(ctx, resident, ['admin', 'head', 'grid'])
    const now = ctx.now()
    return {
      resident: {
        ...(inCharge ? { id: resident._id } : {}),
        name: nameFor(viewerOf(ctx), { kind: 'person', name: resident.name, communityId, gridId: resident.gridId, courtyardId: resident.courtyardId, residentId: resident._id }),
        courtyard: placement.courtyardName,
      },
      balance: { available: fromTenths(spendable(account)), pending: fromTenths(account?.pendingTenths ?? 0) },
      card: { number: card.number, hasPin: !!card.pinHash, locked: !!card.lockedUntil && card.lockedUntil > now.toISOString() },
    }
  },
})

/**
 * 打印卡片: the active cards of a courtyard (or of the residents named) in the caller's charge, each with the holder's
 * name, courtyard, number and token, for the A4 sheet. The PIN is never on it.
 */
const sheet = action({
  input: sheetInput,
  access: ['admin', 'head'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const communityId = communityOf(ctx)
    let residents: CardResident[]
    if (input.courtyardId) {
      await nodeInScope(ctx, input.courtyardId, 'courtyard', ['admin', 'head'])
      residents = await readAll<CardResident>(ctx.db, 'residents', { courtyardId: input.courtyardId })
    } else residents = await Promise.all((input.residentIds ?? []).map((id) => holderInCharge(ctx, id)))
    const withCards = residents.filter((r) => !r.status && r.cardId)
    const _ = ctx.db.command
    const cards: CardRecord[] = []
    const ids = withCards.map((r) => r.cardId as string)
    for (let i = 0; i < ids.length; i += 100) cards.push(...((await ctx.db.collection('cards').where({ _id: _.in(ids.slice(i, i + 100)), status: 'active' }).limit(100).get()).data as CardRecord[]))
    const byId = new Map(cards.map((c) => [c._id, c]))
    const courtyards = new Map<string, string>()
    for (const id of new Set(withCards.map((r) => r.courtyardId))) courtyards.set(id, (await getNode(ctx.db, id))?.name ?? '')
    const now = ctx.now()
    const items = withCards
      .filter((r) => byId.has(r.cardId as string) && r.communityId === communityId)
      .sort((a, b) => a.name.localeCompare(b.name, 'zh'))
      .map((r) => ({ name: r.name, courtyard: courtyards.get(r.courtyardId) ?? '', ...toCard(byId.get(r.cardId as string)!, now) }))
    ctx.audit({ target: { type: input.courtyardId ? 'courtyard' : 'residents', id: input.courtyardId ?? (input.residentIds ?? []).join(',') }, after: { cards: items.length } })
    return { items }
  },
})

export const actions = { get, issue, setPin, revoke, lookup, sheet }

export const main = defineFunction('cards', actions)
