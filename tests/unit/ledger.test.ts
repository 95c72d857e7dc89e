import fc from 'fast-check'
import { type EntryDraft, MemoryLedger, planEntry, reversalOf } from '../../src/core/ledger'

const at = '2026-11-24T08:00:00.000Z'
const accounts = ['resident:a', 'resident:b', 'household:h']

type Kind = 'credit' | 'debit' | 'deduction' | 'adjustment'
interface Request {
  key: string
  accountId: string
  kind: Kind
  amount: number
  negativeAdjustment: boolean
  clampAtZero: boolean
}

/** A random stream of ledger requests, including replays of earlier keys (only 31 keys for up to 80 requests). */
const requests: fc.Arbitrary<Request[]> = fc.array(
  fc.record({
    key: fc.integer({ min: 0, max: 30 }).map((n) => `k${n}`),
    accountId: fc.constantFrom(...accounts),
    kind: fc.constantFrom<Kind>('credit', 'debit', 'deduction', 'adjustment'),
    amount: fc.integer({ min: 1, max: 500 }),
    negativeAdjustment: fc.boolean(),
    clampAtZero: fc.boolean(),
  }),
  { maxLength: 80 },
)

const draftOf = (r: Request): EntryDraft => ({
  key: r.key,
  accountId: r.accountId,
  kind: r.kind,
  delta: r.kind === 'credit' || (r.kind === 'adjustment' && !r.negativeAdjustment) ? r.amount : -r.amount,
  source: { type: 'adjustment', id: r.key },
  operator: 'test',
})

/** Posts every request; a refusal (spending past the balance) must be POINTS.INSUFFICIENT and change nothing. */
function run(ledger: MemoryLedger, stream: Request[]) {
  for (const r of stream) {
    const before = ledger.balance(r.accountId)
    try {
      ledger.post(draftOf(r), at, { clampAtZero: r.clampAtZero })
    } catch (e) {
      expect((e as { code?: string }).code).toBe('POINTS.INSUFFICIENT')
      expect(ledger.balance(r.accountId)).toBe(before)
    }
  }
}

describe('ledger invariants (property-based)', () => {
  test('the sum of an account’s entries equals its balance, and no balance is ever negative', () => {
    fc.assert(
      fc.property(requests, (stream) => {
        const ledger = new MemoryLedger()
        run(ledger, stream)
        for (const a of accounts) {
          expect(ledger.sum(a)).toBe(ledger.balance(a))
          expect(ledger.balance(a)).toBeGreaterThanOrEqual(0)
          expect(Number.isInteger(ledger.balance(a))).toBe(true)
        }
        for (const e of ledger.entries.values()) expect(e.balanceAfter).toBeGreaterThanOrEqual(0)
      }),
    )
  })

  test('replaying any request changes nothing', () => {
    fc.assert(
      fc.property(requests, fc.nat(), (stream, pick) => {
        const ledger = new MemoryLedger()
        run(ledger, stream)
        const before = JSON.stringify([...ledger.entries.entries()])
        const balances = accounts.map((a) => ledger.balance(a))
        const replay = stream.length > 0 ? stream[pick % stream.length] : undefined
        if (replay && ledger.entries.has(replay.key)) {
          const { replayed, entry } = ledger.post(draftOf(replay), '2030-01-01T00:00:00.000Z')
          expect(replayed).toBe(true)
          expect(entry).toBe(ledger.entries.get(replay.key))
        }
        expect(JSON.stringify([...ledger.entries.entries()])).toBe(before)
        expect(accounts.map((a) => ledger.balance(a))).toEqual(balances)
      }),
    )
  })

  test('a reversal restores the balance before the reversed credit, when nothing was spent since', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), (start, credit) => {
        const ledger = new MemoryLedger()
        if (start > 0) ledger.post({ key: 'start', accountId: 'a', delta: start, kind: 'credit', source: { type: 'claim', id: 's' }, operator: 't' }, at)
        const { entry } = ledger.post({ key: 'c', accountId: 'a', delta: credit, kind: 'credit', source: { type: 'claim', id: 'c' }, operator: 't' }, at)
        ledger.post(reversalOf(entry, 'admin'), at)
        expect(ledger.balance('a')).toBe(start)
        expect(ledger.sum('a')).toBe(start)
      }),
    )
  })
})

describe('planEntry', () => {
  const draft = (kind: EntryDraft['kind'], delta: number): EntryDraft => ({ key: 'k', accountId: 'a', kind, delta, source: { type: 'claim', id: 'c' }, operator: 't' })

  test('spending more than the balance is refused', () => {
    expect(() => planEntry(50, draft('debit', -51))).toThrow(expect.objectContaining({ code: 'POINTS.INSUFFICIENT' }))
    expect(planEntry(50, draft('debit', -50))).toEqual({ delta: -50, balanceAfter: 0 })
  })

  test('a deduction may take only what is there when asked to; a debit never', () => {
    expect(planEntry(30, draft('deduction', -50), { clampAtZero: true })).toEqual({ delta: -30, balanceAfter: 0 })
    expect(() => planEntry(30, draft('deduction', -50))).toThrow(expect.objectContaining({ code: 'POINTS.INSUFFICIENT' }))
    expect(() => planEntry(30, draft('debit', -50), { clampAtZero: true })).toThrow(expect.objectContaining({ code: 'POINTS.INSUFFICIENT' }))
  })

  test.each([
    ['credit', -5],
    ['debit', 5],
    ['deduction', 5],
    ['credit', 0],
    ['credit', 1.5],
  ] as const)('a %s of %d is refused', (kind, delta) => {
    expect(() => planEntry(100, draft(kind, delta))).toThrow(expect.objectContaining({ code: 'INPUT.INVALID' }))
  })

  test('a reversal must match the entry it reverses', () => {
    const ledger = new MemoryLedger()
    ledger.post(draft('credit', 10), at)
    expect(() => ledger.post({ ...reversalOf({ key: 'k', accountId: 'a', delta: 10, source: { type: 'claim', id: 'c' } }, 'x'), delta: -9 }, at)).toThrow(
      expect.objectContaining({ code: 'INPUT.INVALID' }),
    )
  })
})
