import { fireEvent, render, screen } from '@testing-library/react'
import { ClaimRow } from '../../src/components'
import { claim } from './support/fixtures'
import { classes, textOf } from './support/dom'

describe('ClaimRow', () => {
  test('the item, its status, when, and its points; a tap opens it', () => {
    const onTap = jest.fn()
    const c = claim()
    render(<ClaimRow claim={c} divided onTap={onTap} />)
    const row = screen.getByTestId('claim-row-cl1')
    expect(textOf(row, '.sz-claim-row__name')).toBe('清扫院落及门前卫生')
    expect(screen.getByTestId('status-chip').textContent).toBe('等院长先看')
    expect(textOf(row, '.sz-claim-row__date')).toMatch(/3月2日 09:30$/)
    expect(textOf(row, '.sz-claim-row__points')).toBe('+0.5 分')
    expect(classes(row.querySelector('.sz-claim-row__points')!)).toContain('sz-claim-row__points--pending')
    expect(classes(row)).toContain('sz-claim-row--divided')
    expect(row.querySelector('.sz-claim-row__proxy')).toBeNull()
    fireEvent.click(row)
    expect(onTap).toHaveBeenCalledWith(c)
    expect(textOf(row, '.sz-claim-row__arrow')).toBe('›')
  })

  test('points credited when approved, struck through when rejected; who filed it for whom', () => {
    render(
      <>
        <ClaimRow claim={claim({ id: 'a', status: 'approved' })} />
        <ClaimRow claim={claim({ id: 'r', status: 'rejected', proxy: { name: '李院长' } })} />
      </>,
    )
    const points = (id: string) => classes(screen.getByTestId(`claim-row-${id}`).querySelector('.sz-claim-row__points')!)
    expect(points('a')).toContain('sz-claim-row__points--credited')
    expect(points('r')).toContain('sz-claim-row__points--void')
    expect(textOf(screen.getByTestId('claim-row-r'), '.sz-claim-row__proxy')).toBe('张秀英（李院长代报）')
    expect(screen.getByTestId('claim-row-a').querySelector('.sz-claim-row__arrow')).toBeNull()
  })
})
