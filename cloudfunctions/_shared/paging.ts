/**
 * Cursor paging by a unique, stable key: a time field, then `_id`, newest or oldest first. Paging by the time alone
 * skips (or repeats) whatever shares the instant of a page's last item — one request that writes several entries,
 * a household's wallet move, two taps in one millisecond. The cursor is the last item's (time, `_id`), opaque to the
 * client; the next page is what comes strictly after it in that order. Every cursor of the API pages this way.
 */
import { DomainError } from '../../src/core/errors'
import type { Db } from './cloud'
import type { CollectionName } from './collections'

const encode = (value: string, id: string) => Buffer.from(JSON.stringify([value, id])).toString('base64url')

/** The (time, `_id`) a cursor holds; anything else (an old cursor, a made-up one) is refused, never queried. */
function decode(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) return value as [string, string]
  } catch {
    // fall through
  }
  throw new DomainError('INPUT.INVALID', '翻页参数不对，请从第一页重新看')
}

/**
 * One page of `collection` matching `where`, ordered by `field` then `_id` (both `direction`), after `cursor`.
 * Answers `cursor` only when there is a next page. Served by an index that starts with `where`'s equality field and
 * sorts by `field` (collections.ts); ties within one instant are few and sorted by `_id` after it.
 */
export async function pageBy<T extends { _id: string }>(
  db: Db,
  collection: CollectionName,
  where: Record<string, unknown>,
  options: { field: string; direction: 'asc' | 'desc'; cursor?: string; size: number },
): Promise<{ items: T[]; cursor?: string }> {
  const { field, direction, size } = options
  const _ = db.command
  let query = where
  if (options.cursor) {
    const [value, id] = decode(options.cursor)
    const after = direction === 'asc' ? _.gt(value) : _.lt(value)
    const afterId = direction === 'asc' ? _.gt(id) : _.lt(id)
    query = _.and([where, _.or([{ [field]: after }, { [field]: value, _id: afterId }])]) as unknown as Record<string, unknown>
  }
  const rows = (await db.collection(collection).where(query).orderBy(field, direction).orderBy('_id', direction).limit(size + 1).get()).data as T[]
  const items = rows.slice(0, size)
  if (rows.length <= size) return { items }
  const last = items[items.length - 1] as T & Record<string, unknown>
  return { items, cursor: encode(String(last[field]), last._id) }
}
