/**
 * Invite codes (邀请码): how a resident joins a household. A head or the admin issues one and shows it
 * as a QR code; the resident scans or types it. Codes avoid look-alike characters (0/O, 1/I/L) so they
 * can be read aloud and typed by an older person.
 */

/** How long the admin's invite that `npm run setup` prints stays valid (one use). */
export const ADMIN_INVITE_DAYS = 7

export const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const INVITE_LENGTH = 8

/** Accepts what a person types: any case, spaces or dashes between groups. */
export function normalizeInviteCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '')
}

export const isInviteCode = (code: string) => code.length === INVITE_LENGTH && [...code].every((c) => INVITE_ALPHABET.includes(c))

/** Shown in two groups of four: "K7QM-3XPA". */
export const formatInviteCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`

export function makeInviteCode(randomBytes: (n: number) => Uint8Array): string {
  let code = ''
  // Rejection sampling keeps every character equally likely.
  while (code.length < INVITE_LENGTH) {
    for (const b of randomBytes(16)) {
      if (b < 248 && code.length < INVITE_LENGTH) code += INVITE_ALPHABET[b % INVITE_ALPHABET.length]
    }
  }
  return code
}
