import { render, screen } from '@testing-library/react'
import { Fact } from '../../src/components'
import { classes } from './support/dom'

describe('Fact', () => {
  test('a grey label and its value; in red when it stops the person', () => {
    render(
      <>
        <Fact label='时间' value='3月2日 09:30' testId='when' />
        <Fact label='还剩' value='已兑完' warn testId='left' />
      </>,
    )
    expect(screen.getByTestId('when').textContent).toBe('3月2日 09:30')
    expect(screen.getByTestId('when').previousElementSibling?.textContent).toBe('时间')
    expect(classes(screen.getByTestId('when'))).not.toContain('sz-fact__value--warn')
    expect(classes(screen.getByTestId('left'))).toContain('sz-fact__value--warn')
  })
})
