import { fireEvent, render, screen } from '@testing-library/react'
import { Tabs } from '../../src/components'
import { classes } from './support/dom'

const TABS = [
  { key: 'mine', title: '我的申报' },
  { key: 'queue', title: '待审核' },
] as const

describe('Tabs', () => {
  test('the chosen tab is marked; another tap changes it, the same one does nothing', () => {
    const onChange = jest.fn()
    render(<Tabs tabs={TABS} value='mine' onChange={onChange} wide testId='t' />)
    expect(classes(screen.getByTestId('t'))).toContain('sz-tabs--wide')
    expect(screen.getByTestId('t-mine').getAttribute('data-active')).toBe('true')
    expect(classes(screen.getByTestId('t-mine'))).toContain('sz-tabs__tab--active')
    expect(screen.getByTestId('t-queue').getAttribute('data-active')).toBe('false')
    expect(screen.getByTestId('t-queue').textContent).toBe('待审核')
    fireEvent.click(screen.getByTestId('t-mine'))
    expect(onChange).not.toHaveBeenCalled()
    fireEvent.click(screen.getByTestId('t-queue'))
    expect(onChange).toHaveBeenCalledWith('queue')
  })
})
