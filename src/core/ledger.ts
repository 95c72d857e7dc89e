/**
 * The points ledger (台账): append-only entries in integer tenths. A mistake is corrected by a reversal
 * entry, never by editing; each entry carries an idempotency key, so a retried or concurrent request
 * posts once; a spendable balance never goes below zero. The cloud functions write entries inside a
 * CloudBase transaction with the key as the entry's `_id`; `planEntry` is the rule they apply, and
 * `MemoryLedger` is the same rule as a reference model for property tests.
 */
import { GLOSSARY } from './glossary'
import { DomainError } from './errors'

export const ENTRY_KINDS = ['credit', 'debit', 'reversal', 'deduction', 'adjustment'] as const
export type EntryKind = (typeof ENTRY_KINDS)[number]

export const ENTRY_KIND_NAMES: Record<EntryKind, string> = {
  credit: '获得',
  debit: '兑换',
  reversal: GLOSSARY.reversal, // 撤销 (the office's 冲正), as residents read it in 积分明细
  deduction: '扣分',
  adjustment: '调整',
}

export interface EntrySource {
  /** suggestion / wish / hazard: a credit by the kind's rule (说事); transfer: a wish's offered points moving from its poster to its taker. */
  type: 'claim' | 'voucher' | 'objection' | 'listing' | 'inspection' | 'adjustment' | 'wallet' | 'deduction' | 'activity' | 'lesson' | 'suggestion' | 'wish' | 'hazard' | 'transfer'
  id: string
}

/** What an entry is, in words for the public, where it has no rule category (a claim's credit has the rule's): 调整, 兑换, 扣分…. */
export const SOURCE_CATEGORY_NAMES: Record<EntrySource['type'], string> = {
  claim: '申报',
  voucher: '兑换',
  objection: '异议更正',
  listing: '红黑榜',
  inspection: '卫生检查',
  adjustment: '调整',
  wallet: '家庭账户',
  deduction: '扣分项',
  activity: '活动',
  lesson: '学习',
  suggestion: '建言献策',
  wish: '微心愿',
  hazard: '随手拍',
  transfer: '心愿定制',
}

/**
 * The 类别 of an entry on the board and its export: the rule's category for a claim's credit (and for its reversal,
 * which carries it); otherwise what the entry is — 调整, 兑换, 卫生检查, 红榜 or 黑榜 (a list's bonus or deduction).
 * A reversal without a category takes its original's (`original`), when known.
 */
export function entryCategory(e: { kind: EntryKind; source: EntrySource; category?: { name: string } }, original?: { kind: EntryKind; source: EntrySource; category?: { name: string } } | null): string {
  if (e.category?.name) return e.category.name
  if (e.kind === 'reversal' && original) return entryCategory(original)
  if (e.source.type === 'listing') return e.kind === 'deduction' ? '黑榜' : e.kind === 'credit' ? '红榜' : SOURCE_CATEGORY_NAMES.listing
  return SOURCE_CATEGORY_NAMES[e.source.type] ?? ENTRY_KIND_NAMES[e.kind]
}

export interface EntryDraft {
  /** The idempotency key: the same key posts once, whatever the number of attempts. */
  key: string
  accountId: string
  /** Integer tenths; positive adds, negative takes. */
  delta: number
  kind: EntryKind
  source: EntrySource
  operator: string
  /** For a reversal: the key of the entry it reverses. */
  reverses?: string
}

export interface Entry extends EntryDraft {
  at: string
  /** The balance of the account after this entry. */
  balanceAfter: number
}

/** The sign each kind must have; adjustments and reversals may go either way. */
const SIGN: Record<EntryKind, 1 | -1 | 0> = { credit: 1, debit: -1, deduction: -1, reversal: 0, adjustment: 0 }

/**
 * Checks a draft against the account's balance and answers the balance after it.
 * A debit (spending) beyond the balance is refused with POINTS.INSUFFICIENT; so is any other entry that
 * would take the balance below zero, unless `clampAtZero` asks to take only what is there (a black-list
 * deduction takes at most the balance), in which case the draft's delta is reduced.
 */
export function planEntry(balance: number, draft: EntryDraft, options: { clampAtZero?: boolean } = {}): { delta: number; balanceAfter: number } {
  if (!Number.isSafeInteger(balance) || balance < 0) throw new Error(`账户余额不合法：${balance}`)
  if (!Number.isSafeInteger(draft.delta) || draft.delta === 0) throw new DomainError('INPUT.INVALID', '积分变动必须是非零的整数（十分之一分）')
  const sign = SIGN[draft.kind]
  if (sign !== 0 && Math.sign(draft.delta) !== sign) throw new DomainError('INPUT.INVALID', `“${ENTRY_KIND_NAMES[draft.kind]}”的积分方向不对`)
  if (draft.kind === 'reversal' && !draft.reverses) throw new Error('冲正必须指明被冲正的记录')
  let delta = draft.delta
  if (balance + delta < 0) {
    if (!options.clampAtZero || draft.kind === 'debit') throw new DomainError('POINTS.INSUFFICIENT')
    delta = -balance
  }
  return { delta, balanceAfter: balance + delta }
}

/** The reversal of an entry: the same account, the opposite delta, its own key. */
export function reversalOf(entry: Pick<Entry, 'key' | 'accountId' | 'delta' | 'source'>, operator: string): EntryDraft {
  return {
    key: `reversal:${entry.key}`,
    accountId: entry.accountId,
    delta: -entry.delta,
    kind: 'reversal',
    source: entry.source,
    operator,
    reverses: entry.key,
  }
}

/** The ledger rules over memory: what the functions do inside a transaction, for property tests. */
export class MemoryLedger {
  readonly entries = new Map<string, Entry>()
  private readonly balances = new Map<string, number>()

  balance(accountId: string): number {
    return this.balances.get(accountId) ?? 0
  }

  /** Posts a draft once: a replayed key answers the first entry and changes nothing. */
  post(draft: EntryDraft, at: string, options: { clampAtZero?: boolean } = {}): { entry: Entry; replayed: boolean } {
    const existing = this.entries.get(draft.key)
    if (existing) return { entry: existing, replayed: true }
    if (draft.kind === 'reversal') {
      const original = draft.reverses ? this.entries.get(draft.reverses) : undefined
      if (!original || original.accountId !== draft.accountId || original.delta !== -draft.delta) {
        throw new DomainError('INPUT.INVALID', '冲正记录与原记录不符')
      }
    }
    const { delta, balanceAfter } = planEntry(this.balance(draft.accountId), draft, options)
    const entry: Entry = { ...draft, delta, at, balanceAfter }
    this.entries.set(draft.key, entry)
    this.balances.set(draft.accountId, balanceAfter)
    return { entry, replayed: false }
  }

  /** The sum of an account's entries: always equal to its balance. */
  sum(accountId: string): number {
    let total = 0
    for (const e of this.entries.values()) if (e.accountId === accountId) total += e.delta
    return total
  }
}
