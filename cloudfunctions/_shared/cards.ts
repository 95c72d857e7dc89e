/**
 * 积分卡 on the server: the token (the card's id, signed under the code key; nothing else), the card a token names,
 * and the PIN (scrypt with a salt of its own; five wrong within 30 minutes lock the card for 30). Used by the cards
 * function and by shop.exchangeByCard.
 */
import { randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto'
import { CARD_TOKEN_PREFIX, afterWrongPin, parseCardToken } from '../../src/core/cards'
import { DomainError } from '../../src/core/errors'
import { inZone } from '../../src/core/period'
import { type Db, transaction } from './cloud'
import { checkLongSignature, longSignature } from './voucher-code'

export interface CardRecord {
  _id: string
  communityId: string
  residentId: string
  /** Eight digits, printed on the card and read out at the counter; not a secret (the token's signature is). */
  number: string
  status: 'active' | 'revoked'
  issuedAt: string
  issuedBy: string
  issuedByName: string
  revokedAt?: string
  revokedBy?: string
  /** scrypt of the PIN with `pinSalt`; never the PIN. Carried to the card that replaces this one (the person's PIN). */
  pinHash?: string
  pinSalt?: string
  pinSetAt?: string
  /** Wrong PINs within the window (times), and the end of a lock. */
  failures: string[]
  lockedUntil?: string | null
}

export const newCardId = () => `cd${randomBytes(9).toString('hex')}`
export const newCardNumber = () => String(randomInt(10_000_000, 100_000_000))

/** The token a card's QR and NFC tag carry. */
export const tokenOf = (cardId: string) => `${CARD_TOKEN_PREFIX}.${cardId}.${longSignature(`card|${cardId}`)}`

/** The PIN's hash with a fresh salt. */
export function hashPin(pin: string): { pinHash: string; pinSalt: string } {
  const pinSalt = randomBytes(16).toString('hex')
  return { pinHash: scryptSync(pin, pinSalt, 32).toString('hex'), pinSalt }
}

const pinMatches = (card: CardRecord, pin: string) =>
  !!card.pinHash && !!card.pinSalt && timingSafeEqual(Buffer.from(card.pinHash, 'hex'), scryptSync(pin, card.pinSalt, 32))

/**
 * The active card a token names in `communityId`. A token not signed here (made up, altered, of another community)
 * is CARD.INVALID; a card replaced or revoked is CARD.REVOKED.
 */
export async function cardOfToken(db: Db, token: string, communityId: string): Promise<CardRecord> {
  const parts = parseCardToken(token)
  if (!parts || !checkLongSignature(`card|${parts.cardId}`, parts.signature)) throw new DomainError('CARD.INVALID')
  const card = ((await db.collection('cards').doc(parts.cardId).get()).data as CardRecord[])[0]
  if (!card || card.communityId !== communityId) throw new DomainError('CARD.INVALID')
  if (card.status !== 'active') throw new DomainError('CARD.REVOKED')
  return card
}

const lockedMessage = (until: string) => `密码错的次数太多，这张卡锁到 ${inZone(until).format('HH:mm')}，请到时再试，或找社区重设密码`

/**
 * Checks the holder's PIN at `now`: a locked card is refused (CARD.LOCKED) without looking at the PIN; a wrong PIN is
 * counted (in a transaction, so concurrent tries all count) and refused with how many tries are left, the fifth
 * within 30 minutes locking the card for 30; a card with no PIN yet is refused in words. A right PIN clears the count.
 */
export async function checkPin(db: Db, card: CardRecord, pin: string, now: Date): Promise<void> {
  const iso = now.toISOString()
  if (card.lockedUntil && card.lockedUntil > iso) throw new DomainError('CARD.LOCKED', lockedMessage(card.lockedUntil))
  if (!card.pinHash) throw new DomainError('INPUT.INVALID', '这张卡还没有设密码，请持卡人到社区或找院长当面设一个')
  if (pinMatches(card, pin)) {
    if (card.failures.length || card.lockedUntil) await db.collection('cards').doc(card._id).update({ failures: [], lockedUntil: null })
    return
  }
  const after = await transaction(db, async (tx) => {
    const current = ((await tx.collection('cards').doc(card._id).get()).data ?? null) as CardRecord | null
    if (!current) throw new DomainError('CARD.INVALID')
    if (current.lockedUntil && current.lockedUntil > iso) return { lockedUntil: current.lockedUntil, left: 0, failures: [] }
    const next = afterWrongPin(current.failures ?? [], now)
    await tx.collection('cards').doc(card._id).update({ failures: next.failures, lockedUntil: next.lockedUntil })
    return next
  })
  if (after.lockedUntil) throw new DomainError('CARD.LOCKED', lockedMessage(after.lockedUntil))
  throw new DomainError('CARD.PIN_WRONG', `密码不对，还可以再试 ${after.left} 次`, { left: after.left })
}
