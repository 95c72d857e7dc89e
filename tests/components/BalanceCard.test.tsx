import { fireEvent, render, screen } from '@testing-library/react'
import { BalanceCard } from '../../src/components'
import { balance } from './support/fixtures'
import { classes } from './support/dom'

describe('BalanceCard', () => {
  test('every number on screen: 可用, 公示后可用, 家庭积分 (explained in one line); no 院长积分 for a resident, no 积分明细 without a tap', () => {
    render(<BalanceCard balance={balance()} />)
    const card = screen.getByTestId('balance-card')
    // The glossary's words (@core/glossary), not the office's 待生效.
    expect(card.textContent).toContain('公示后可用')
    expect(card.textContent).not.toContain('待生效')
    expect(screen.getByTestId('balance-household-note').textContent).toContain('家庭积分是全家今年挣的积分加起来')
    expect(screen.getByTestId('balance-available').textContent).toBe('12.5')
    expect(screen.getByTestId('balance-pending').textContent).toBe('3')
    expect(screen.getByTestId('balance-household').textContent).toBe('40')
    expect(screen.queryByTestId('balance-courtyard')).toBeNull()
    expect(screen.getByTestId('balance-card').textContent).not.toContain('积分明细')
    expect(classes(screen.getByTestId('balance-card'))).not.toContain('sz-balance--link')
    expect(screen.queryByTestId('balance-held-note')).toBeNull()
  })

  test('points held for a wish are said apart from what can be spent', () => {
    render(<BalanceCard balance={balance({ available: 7, held: 3 })} />)
    expect(screen.getByTestId('balance-available').textContent).toBe('7')
    expect(screen.getByTestId('balance-held-note').textContent).toBe('另有 3 分留给了您许的微心愿：心愿完成、您确认后给认领的人；撤回或没通过就退给您。')
  })

  test("a head's 院长积分, and a tap that opens the ledger", () => {
    const onTap = jest.fn()
    render(<BalanceCard balance={balance({ courtyardScore: 88 })} onTap={onTap} testId='card' />)
    expect(screen.getByTestId('balance-courtyard').textContent).toBe('88')
    expect(screen.getByTestId('card').textContent).toContain('积分明细')
    fireEvent.click(screen.getByTestId('balance-available'))
    expect(onTap).toHaveBeenCalledTimes(1)
  })
})
