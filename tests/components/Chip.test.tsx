import { render, screen } from '@testing-library/react'
import { Chip } from '../../src/components/Chip'
import { classes } from './support/dom'

describe('Chip', () => {
  test('words on the colour of its tone, larger when asked, its status for tests', () => {
    render(
      <Chip tone='orange' large status='returned' className='extra' testId='chip'>
        退回补充
      </Chip>,
    )
    const chip = screen.getByTestId('chip')
    expect(chip.textContent).toBe('退回补充')
    expect(classes(chip)).toEqual(['sz-chip', 'sz-chip--orange', 'sz-chip--large', 'extra'])
    expect(chip.getAttribute('data-status')).toBe('returned')
  })
})
