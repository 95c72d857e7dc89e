import { fireEvent, render, screen } from '@testing-library/react'
import type { LedgerEntry } from '../../src/api'
import { LedgerRow } from '../../src/components'
import { classes, textOf } from './support/dom'

const entry = (over: Partial<LedgerEntry> = {}): LedgerEntry => ({
  id: 'e1',
  delta: 2.5,
  kind: 'credit',
  source: { type: 'claim', id: 'cl1' },
  operator: '周海燕',
  at: '2026-03-02T01:30:00.000Z',
  balanceAfter: 12.5,
  note: '清扫院落及门前卫生',
  ...over,
})

describe('LedgerRow', () => {
  test('what for, when and of what kind, the signed points and the balance after; a tap opens its source', () => {
    const onClick = jest.fn()
    render(<LedgerRow entry={entry()} title='清扫院落及门前卫生' divided onClick={onClick} />)
    const row = screen.getByTestId('ledger-e1')
    expect(textOf(row, '.sz-ledger__title')).toBe('清扫院落及门前卫生')
    expect(textOf(row, '.sz-ledger__meta')).toMatch(/3月2日 09:30 · 获得$/)
    expect(screen.getByTestId('ledger-delta').textContent).toBe('+2.5')
    expect(classes(screen.getByTestId('ledger-delta'))).toContain('sz-ledger__delta--plus')
    expect(textOf(row, '.sz-ledger__after')).toBe('余额 12.5')
    expect(classes(row)).toContain('sz-ledger__row--divided')
    fireEvent.click(row)
    expect(onClick).toHaveBeenCalledTimes(1)
  })

  test('a deduction in red; staff read who handled it, and the action under the balance', () => {
    const onReverse = jest.fn()
    render(
      <LedgerRow
        entry={entry({ id: 'e2', delta: -3, kind: 'deduction', balanceAfter: 0 })}
        title='黑榜扣分'
        showOperator
        testId='lookup-entry-e2'
        deltaTestId='lookup-entry-delta'
        action={<span data-testid='reverse' onClick={onReverse}>冲正</span>}
      />,
    )
    const row = screen.getByTestId('lookup-entry-e2')
    expect(screen.getByTestId('lookup-entry-delta').textContent).toBe('-3')
    expect(classes(screen.getByTestId('lookup-entry-delta'))).toContain('sz-ledger__delta--minus')
    expect(textOf(row, '.sz-ledger__meta')).toMatch(/扣分 · 经办：周海燕$/)
    expect(classes(row)).not.toContain('sz-ledger__row--divided')
    fireEvent.click(screen.getByTestId('reverse'))
    expect(onReverse).toHaveBeenCalledTimes(1)
  })
})
