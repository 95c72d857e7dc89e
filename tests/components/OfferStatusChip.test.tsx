import { render, screen } from '@testing-library/react'
import { OfferStatusChip } from '../../src/components/OfferStatusChip'
import { classes } from './support/dom'

describe('OfferStatusChip', () => {
  test.each([
    ['pending', '待审核', 'orange'],
    ['active', '兑换中', 'green'],
    ['rejected', '未通过', 'red'],
    ['retired', '已下架', 'grey'],
  ] as const)('an offer %s reads %s on %s', (status, words, tone) => {
    render(<OfferStatusChip status={status} />)
    expect(screen.getByTestId('offer-status').textContent).toBe(words)
    expect(classes(screen.getByTestId('offer-status'))).toContain(`sz-chip--${tone}`)
  })
})
