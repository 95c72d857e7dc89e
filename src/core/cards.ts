/**
 * 积分卡 (points cards) for residents without a phone, as Fulu gave every villager: a card that names nobody and holds
 * nothing but a signed token — no openid, no name, no balance. Staff read it (its QR, or in weapp its NFC tag) to find
 * the holder; at the counter the holder's 4-digit PIN, told in person and never printed, lets the clerk exchange for them.
 * The token's signature and the PIN's hash are made on the server (cloudfunctions/cards); the rules here are shared.
 */
/** The token's text: `SZJFCARD1.<cardId>.<signature>`; the prefix names the format, so another QR is told apart. */
export const CARD_TOKEN_PREFIX = 'SZJFCARD1'
const TOKEN = /^SZJFCARD1\.([a-z0-9]{6,40})\.([A-Za-z0-9_-]{16,64})$/

/** A token's parts, or null for anything that is not shaped like one. */
export function parseCardToken(text: string): { cardId: string; signature: string } | null {
  const m = TOKEN.exec(text.trim())
  return m ? { cardId: m[1], signature: m[2] } : null
}

/** Whether a scanned or read text is a card's token (and not a voucher's code or another QR). */
export const looksLikeCardToken = (text: string) => parseCardToken(text) !== null

/** The PIN: exactly four digits. */
export const isPin = (pin: string) => /^\d{4}$/.test(pin)

/** Five wrong PINs within this window lock the card for the same time. */
export const PIN_ATTEMPTS = 5
export const PIN_WINDOW_MINUTES = 30
export const PIN_LOCK_MINUTES = 30

/**
 * The wrong PINs that still count at `now` (those within the window), with a new one added; and whether the card is
 * now locked, and until when.
 */
export function afterWrongPin(failures: readonly string[], now: Date): { failures: string[]; lockedUntil: string | null; left: number } {
  const since = now.getTime() - PIN_WINDOW_MINUTES * 60_000
  const recent = [...failures.filter((f) => new Date(f).getTime() > since), now.toISOString()]
  const locked = recent.length >= PIN_ATTEMPTS
  return { failures: locked ? [] : recent, lockedUntil: locked ? new Date(now.getTime() + PIN_LOCK_MINUTES * 60_000).toISOString() : null, left: Math.max(0, PIN_ATTEMPTS - recent.length) }
}

/** "1234 5678": a card number as printed and read out. */
export const formatCardNumber = (n: string) => n.replace(/(\d{4})(?=\d)/g, '$1 ')
