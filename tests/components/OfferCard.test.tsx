import { fireEvent, render, screen } from '@testing-library/react'
import { CardAction, OfferCard } from '../../src/components/OfferCard'
import { offer } from './support/fixtures'
import { classes, textOf } from './support/dom'

describe('OfferCard', () => {
  test('every number in plain view: points, stock, the last day, who may exchange it', () => {
    render(<OfferCard offer={offer({ eligibility: { minAge: 70, perHousehold: true } })} />)
    const card = screen.getByTestId('offer-card-o1')
    expect(card.getAttribute('data-status')).toBe('active')
    expect(textOf(card, '.sz-offer-card__title')).toBe('洗衣粉一袋')
    expect(screen.getByTestId('offer-status-o1').textContent).toBe('兑换中')
    expect(Array.from(card.querySelectorAll('.sz-offer-card__kind')).map((k) => k.textContent)).toEqual(['物品'])
    expect(textOf(card, '.sz-offer-card__points')).toBe('10 积分')
    expect(screen.getByTestId('offer-stock-o1').textContent).toBe('库存 5')
    const facts = Array.from(card.querySelectorAll('.sz-offer-card__fact')).map((f) => f.textContent)
    expect(facts.slice(2)).toEqual(['70 岁及以上可兑换', '每户限兑 1 次'])
    expect(facts[1]).toMatch(/6月30日前有效$/)
    expect(textOf(card, '.sz-offer-card__description')).toBe('500 克装，到店领取')
    expect(card.querySelector('.sz-arrow')).toBeNull()
    expect(card.querySelector('.sz-offer-card__actions')).toBeNull()
  })

  test("sold out in red; a rejected one says why; the admin sees whose it is", () => {
    render(<OfferCard offer={offer({ stock: 0, status: 'rejected', note: '图片不清楚', description: '' })} showMerchant />)
    expect(classes(screen.getByTestId('offer-stock-o1'))).toContain('sz-offer-card__fact--out')
    expect(screen.getByTestId('offer-note-o1').textContent).toBe('未通过的原因：图片不清楚')
    const card = screen.getByTestId('offer-card-o1')
    expect(Array.from(card.querySelectorAll('.sz-offer-card__kind')).map((k) => k.textContent)).toEqual(['物品', '善治超市'])
    expect(card.querySelector('.sz-offer-card__description')).toBeNull()
  })

  test('a tap on its head opens it; the buttons under it act', () => {
    const onTap = jest.fn()
    const retire = jest.fn()
    render(
      <OfferCard offer={offer()} onTap={onTap}>
        <CardAction testId='retire' kind='danger' onTap={retire}>
          下架
        </CardAction>
      </OfferCard>,
    )
    fireEvent.click(screen.getByTestId('offer-card-o1').querySelector('.sz-offer-card__title')!)
    expect(onTap).toHaveBeenCalledTimes(1)
    expect(classes(screen.getByTestId('retire'))).toContain('sz-offer-card__action--danger')
    fireEvent.click(screen.getByTestId('retire'))
    expect(retire).toHaveBeenCalledTimes(1)
    expect(onTap).toHaveBeenCalledTimes(1)
  })
})
