/**
 * Signing and checking redemption codes (see `src/core/shop.ts` for their shape). The key is configuration
 * (`VOUCHER_CODE_KEY`: a function environment variable in CloudBase, made once and kept in the data folder by
 * the local cloud), never a constant here: whoever reads the code cannot make codes.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'
import { CODE_STEP_SECONDS, CODE_VALID_SECONDS, splitCode } from '../../src/core/shop'

/** How far back an old code is still recognised as "expired" rather than "wrong": a day. */
const RECOGNISE_STEPS = (24 * 3600) / CODE_STEP_SECONDS

function key(): string {
  const k = process.env.VOUCHER_CODE_KEY
  if (!k || k.length < 16) throw new Error('没有配置核销码密钥 VOUCHER_CODE_KEY（至少 16 个字符）')
  return k
}

const stepAt = (ms: number) => Math.floor(ms / 1000 / CODE_STEP_SECONDS)

function signature(voucherId: string, step: number): string {
  const mac = createHmac('sha256', key()).update(`${voucherId}|${step}`).digest()
  return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0')
}

/**
 * A long signature of `message` under the same key (base64url, 128 bits): what a points card's token carries. Callers
 * name what they sign in the message (`card|<id>`), so a signature for one thing never serves another.
 */
export const longSignature = (message: string) => createHmac('sha256', key()).update(message).digest().subarray(0, 16).toString('base64url')

/** Whether `given` is `message`'s long signature (compared in constant time). */
export function checkLongSignature(message: string, given: string): boolean {
  const expected = Buffer.from(longSignature(message))
  const actual = Buffer.from(given)
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}

/** A voucher's 8-digit ticket, drawn at exchange (not secret: the signature is). */
export const newTicket = () => String(randomInt(10_000_000, 100_000_000))

/** A code for `voucherId` made at `nowMs`, and when it stops being accepted. */
export function makeCode(voucherId: string, ticket: string, nowMs: number): { code: string; expiresAt: string } {
  const step = stepAt(nowMs)
  const code = `${ticket}${String(step % 100).padStart(2, '0')}${signature(voucherId, step)}`
  return { code, expiresAt: new Date((step * CODE_STEP_SECONDS + CODE_VALID_SECONDS) * 1000).toISOString() }
}

export type CodeCheck = 'valid' | 'expired' | 'invalid'

/** Whether `code` was signed for `voucherId`, and if so whether it is still within its 60 seconds at `nowMs`. */
export function checkCode(voucherId: string, code: string, nowMs: number): CodeCheck {
  const { mark, signature: given } = splitCode(code)
  const current = stepAt(nowMs)
  // The latest step with this mark, then every hundred steps before it; a step a little ahead allows for clocks of two instances.
  let step = current + 2 - ((((current + 2 - mark) % 100) + 100) % 100)
  for (; step > current - RECOGNISE_STEPS; step -= 100) {
    if (timingSafeEqual(Buffer.from(signature(voucherId, step)), Buffer.from(given))) {
      const expiresMs = (step * CODE_STEP_SECONDS + CODE_VALID_SECONDS) * 1000
      return nowMs < expiresMs ? 'valid' : 'expired'
    }
  }
  return 'invalid'
}
