import { render, screen } from '@testing-library/react'
import { StatusChip } from '../../src/components'
import { classes } from './support/dom'

describe('StatusChip', () => {
  test.each([
    ['submitted', '等院长先看', 'blue'],
    ['pre_approved', '等网格员确认', 'purple'],
    ['approved', '已通过', 'green'],
    ['rejected', '未通过', 'red'],
    ['returned', '退回补充', 'orange'],
    ['withdrawn', '已撤回', 'grey'],
  ] as const)('a claim %s reads %s on %s', (status, words, tone) => {
    render(<StatusChip status={status} />)
    const chip = screen.getByTestId('status-chip')
    expect(chip.textContent).toBe(words)
    expect(classes(chip)).toContain(`sz-chip--${tone}`)
    expect(chip.getAttribute('data-status')).toBe(status)
  })

  test('a status it does not know shows as itself, in grey', () => {
    render(<StatusChip status={'lost' as never} large testId='c' />)
    expect(screen.getByTestId('c').textContent).toBe('lost')
    expect(classes(screen.getByTestId('c'))).toEqual(expect.arrayContaining(['sz-chip--grey', 'sz-chip--large']))
  })
})
