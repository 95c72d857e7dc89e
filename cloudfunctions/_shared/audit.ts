/**
 * The audit log (操作留痕): every action of a reviewer, an admin or a merchant, with who, when, what it was done to,
 * and what it was before and after. The handler wrapper writes it after an audited action succeeds; a handler
 * names the target and the before/after through `ctx.audit(...)`. Nothing in the API deletes or changes it.
 */
import type { Db } from './cloud'

export interface AuditNote {
  target?: { type: string; id: string }
  before?: unknown
  after?: unknown
}

export interface AuditRecord extends AuditNote {
  communityId: string | null
  at: string
  operator: string
  operatorName: string
  action: string
  /** What was asked, without bulky or private fields. */
  input: Record<string, unknown>
}

const MAX_JSON = 4000

/** Keeps a value small enough for one log line: long strings cut, deep structures summarised. */
function trim(value: unknown): unknown {
  const json = JSON.stringify(value ?? null)
  if (json.length <= MAX_JSON) return value
  return { truncated: true, preview: json.slice(0, MAX_JSON) }
}

export async function writeAudit(db: Db, record: AuditRecord): Promise<void> {
  await db.collection('audit').add({ ...record, input: trim(record.input), before: trim(record.before), after: trim(record.after) })
}
