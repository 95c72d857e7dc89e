import { fireEvent, render, screen } from '@testing-library/react'
import { VoucherChip, VoucherRow } from '../../src/components/VoucherRow'
import { voucher } from './support/fixtures'
import { classes, textOf } from './support/dom'

describe('VoucherRow', () => {
  test('a voucher to use: what, where, until when; its chip; a tap opens it', () => {
    const onTap = jest.fn()
    const v = voucher()
    render(<VoucherRow voucher={v} onTap={onTap} />)
    const row = screen.getByTestId('voucher-row-v1')
    expect(row.getAttribute('data-status')).toBe('issued')
    expect(textOf(row, '.sz-voucher-row__title')).toBe('洗衣粉一袋')
    const lines = Array.from(row.querySelectorAll('.sz-voucher-row__line')).map((l) => l.textContent)
    expect(lines[0]).toBe('善治超市')
    expect(lines[1]).toMatch(/3月31日前有效$/)
    expect(textOf(row, '.sz-voucher-row__points')).toBe('10 积分')
    expect(screen.getByTestId('voucher-chip').getAttribute('data-status')).toBe('issued')
    fireEvent.click(row)
    expect(onTap).toHaveBeenCalledWith(v)
  })

  test('a used one says when it was exchanged; refunded points are struck through; the chip can go', () => {
    render(<VoucherRow voucher={voucher({ status: 'cancelled', refunded: true })} hideStatus />)
    const row = screen.getByTestId('voucher-row-v1')
    expect(row.querySelectorAll('.sz-voucher-row__line')[1].textContent).toMatch(/^兑换于 (2026年)?3月1日$/)
    expect(classes(row.querySelector('.sz-voucher-row__points')!)).toContain('sz-voucher-row__points--void')
    expect(screen.queryByTestId('voucher-chip')).toBeNull()
    expect(row.querySelector('.sz-voucher-row__arrow')).toBeNull()
  })
})


describe('VoucherChip', () => {
  test.each([
    ['issued', 'green'],
    ['redeemed', 'blue'],
    ['cancelled', 'grey'],
    ['expired', 'grey'],
  ] as const)('a voucher %s is %s', (status, tone) => {
    render(<VoucherChip status={status} />)
    expect(classes(screen.getByTestId('voucher-chip'))).toContain(`sz-chip--${tone}`)
    expect(screen.getByTestId('voucher-chip').textContent).not.toBe('')
  })
})
