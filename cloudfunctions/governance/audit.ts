/**
 * 操作日志: the admin searches the audit log of their community, newest first. There is no way to change it.
 * `operator` is the 经办人's name as the page takes it, or their openid (as scripts and older callers send it).
 */
import type { AuditEntry } from '../../src/core/governance'
import { auditInput } from '../../src/core/governance.schema'
import type { AuditRecord } from '../_shared/audit'
import { administeredCommunity } from '../_shared/community'
import { action } from '../_shared/handler'
import { pageBy } from '../_shared/paging'

const PAGE = 50

export const audit = action({
  input: auditInput,
  access: ['admin'],
  handler: async ({ ctx, input }) => {
    const communityId = administeredCommunity(ctx)
    const _ = ctx.db.command
    let where: Record<string, unknown> = { communityId }
    if (input.operation) where.action = input.operation.includes('.') ? input.operation : ctx.db.RegExp({ regexp: `^${input.operation}\\.` })
    if (input.targetId) where['target.id'] = input.targetId
    const bounds = [input.from ? _.gte(new Date(input.from).toISOString()) : null, input.to ? _.lt(new Date(input.to).toISOString()) : null].filter((b): b is NonNullable<typeof b> => b !== null)
    if (bounds.length) where.at = bounds.length === 1 ? bounds[0] : _.and(...bounds)
    if (input.operator) where = _.and([where, _.or([{ operator: input.operator }, { operatorName: input.operator }])]) as unknown as Record<string, unknown>
    // By (at, _id): actions of one instant must not fall between two pages.
    const page = await pageBy<AuditRecord & { _id: string }>(ctx.db, 'audit', where, { field: 'at', direction: 'desc', cursor: input.cursor, size: PAGE })
    const items: AuditEntry[] = page.items.map((r) => ({
      id: r._id,
      at: r.at,
      operator: r.operator,
      operatorName: r.operatorName,
      action: r.action,
      ...(r.target ? { target: r.target } : {}),
      ...(r.before !== undefined ? { before: r.before } : {}),
      ...(r.after !== undefined ? { after: r.after } : {}),
      input: r.input,
    }))
    return { items, ...(page.cursor ? { cursor: page.cursor } : {}) }
  },
})
