/** The board's words (issue 12): an entry's 类别, the note on a month corrected after its publication, and the month before. */
import { correctionNote } from '../../src/core/governance'
import { entryCategory } from '../../src/core/ledger'
import { monthBefore } from '../../src/core/months'

test('类别 is the rule’s category, or what the entry is — never 获得 or 扣分', () => {
  const claim = { kind: 'credit' as const, source: { type: 'claim' as const, id: 'c' }, category: { name: '人居环境' } }
  expect(entryCategory(claim)).toBe('人居环境')
  expect(entryCategory({ kind: 'adjustment', source: { type: 'adjustment', id: 'a' } })).toBe('调整')
  expect(entryCategory({ kind: 'credit', source: { type: 'inspection', id: 'i' } })).toBe('卫生检查')
  expect(entryCategory({ kind: 'deduction', source: { type: 'listing', id: 'l' } })).toBe('黑榜')
  expect(entryCategory({ kind: 'credit', source: { type: 'listing', id: 'l' } })).toBe('红榜')
  expect(entryCategory({ kind: 'debit', source: { type: 'voucher', id: 'v' } })).toBe('兑换')
  // A correction without a category of its own takes its original's.
  const listingReversal = { kind: 'reversal' as const, source: { type: 'objection' as const, id: 'o' } }
  expect(entryCategory(listingReversal, { kind: 'deduction', source: { type: 'listing', id: 'l' } })).toBe('黑榜')
  expect(entryCategory(listingReversal)).toBe('异议更正')
  expect(entryCategory({ ...listingReversal, category: { name: '其他' } })).toBe('其他')
})

test('the note on a corrected month says how many, when, and that totals follow the correction', () => {
  const note = correctionNote(2, '12月3日')
  expect(note).toContain('2 条')
  expect(note).toContain('12月3日')
  expect(note).toContain('更正')
})

test('the month before', () => {
  expect(monthBefore('2026-01')).toBe('2025-12')
  expect(monthBefore('2026-12')).toBe('2026-11')
  expect(monthBefore('2026-10')).toBe('2026-09')
})
