/** Cursor paging over claims by creation time (ties broken by id), newest or oldest first. */
import { DomainError } from '../../src/core/errors'
import type { Db } from '../_shared/cloud'
import type { ClaimRecord } from './records'

export const PAGE_SIZE = 20

const encode = (c: ClaimRecord) => Buffer.from(JSON.stringify([c.createdAt, c._id])).toString('base64url')

function decode(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) return value as [string, string]
  } catch {
    // fall through
  }
  throw new DomainError('INPUT.INVALID', '翻页参数不对，请从第一页重新看')
}

export async function pageOfClaims(
  db: Db,
  where: Record<string, unknown>,
  direction: 'asc' | 'desc',
  cursor: string | undefined,
): Promise<{ items: ClaimRecord[]; cursor?: string }> {
  const _ = db.command
  let query = where
  if (cursor) {
    const [at, id] = decode(cursor)
    const after = direction === 'asc' ? _.gt(at) : _.lt(at)
    const afterId = direction === 'asc' ? _.gt(id) : _.lt(id)
    query = _.and([where, _.or([{ createdAt: after }, { createdAt: at, _id: afterId }])]) as unknown as Record<string, unknown>
  }
  const res = await db
    .collection('claims')
    .where(query)
    .orderBy('createdAt', direction)
    .orderBy('_id', direction)
    .limit(PAGE_SIZE + 1)
    .get()
  const rows = res.data as ClaimRecord[]
  const items = rows.slice(0, PAGE_SIZE)
  return rows.length > PAGE_SIZE ? { items, cursor: encode(items[items.length - 1]) } : { items }
}
