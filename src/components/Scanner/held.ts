/**
 * A card read on one page and used on the next (扫码核销 reads a card's QR, 刷卡兑换 uses it): kept here in memory,
 * never in the page's address, so the token is not left in the browser's history or a shared link. Taken once.
 */
let held: string | null = null

export function holdCard(token: string): void {
  held = token
}

/** The card held for the page that opens now, if any; it is then forgotten. */
export function takeCard(): string | null {
  const token = held
  held = null
  return token
}
