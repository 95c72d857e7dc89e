/** Cursor paging over claims by creation time (ties broken by id), newest or oldest first: the API's one cursor helper. */
import type { Db } from '../_shared/cloud'
import { pageBy } from '../_shared/paging'
import type { ClaimRecord } from './records'

export const PAGE_SIZE = 20

export function pageOfClaims(db: Db, where: Record<string, unknown>, direction: 'asc' | 'desc', cursor: string | undefined): Promise<{ items: ClaimRecord[]; cursor?: string }> {
  return pageBy<ClaimRecord>(db, 'claims', where, { field: 'createdAt', direction, cursor, size: PAGE_SIZE })
}
