/**
 * Document ids that make a retried write land on the same document: derived from who (or where) and the
 * client's requestId, so the second attempt finds the first one's work instead of doing it again.
 */
import { createHash, randomBytes } from 'node:crypto'

/** `<prefix>-<hash of scope and key>`; without a key, a random id (a write nobody will retry). */
export function derivedId(prefix: string, scope: string, key: string | undefined, length = 24): string {
  const body = key === undefined ? randomBytes(Math.ceil(length / 2)).toString('hex') : createHash('sha256').update(`${scope}\u0000${key}`).digest('hex')
  return `${prefix}-${body.slice(0, length)}`
}
