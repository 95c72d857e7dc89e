import { fireEvent, render, screen } from '@testing-library/react'
import { ChosenResident, ResidentList, type PickableResident } from '../../src/components/ResidentPicker'
import { textOf } from './support/dom'

const LIU: PickableResident = { id: 'r-liu', name: '刘福贵', hasPhone: false, householdName: '刘福贵家', courtyardName: '1号院' }
const LI: PickableResident = { id: 'r-li', name: '李明', hasPhone: true, householdName: '李明家', courtyardName: '1号院' }

describe('ResidentList', () => {
  test('a row each, in the order given: the name, where they live, 无手机 for one without a phone; a tap picks them', () => {
    const onPick = jest.fn()
    render(<ResidentList residents={[LIU, LI]} onPick={onPick} testId='proxy' />)
    const rows = screen.getByTestId('proxy-residents').children
    expect([...rows].map((r) => r.getAttribute('data-testid'))).toEqual(['proxy-resident-r-liu', 'proxy-resident-r-li'])
    const liu = screen.getByTestId('proxy-resident-r-liu')
    expect(textOf(liu, '.sz-resident-pick__name')).toBe('刘福贵')
    expect(textOf(liu, '.sz-resident-pick__where')).toBe('1号院 · 刘福贵家')
    expect(textOf(liu, '.sz-resident-pick__no-phone')).toBe('无手机')
    expect(textOf(screen.getByTestId('proxy-resident-r-li'), '.sz-resident-pick__no-phone')).toBeNull()
    fireEvent.click(screen.getByTestId('proxy-resident-r-li'))
    expect(onPick).toHaveBeenCalledWith(LI)
  })
})

describe('ChosenResident', () => {
  test('what is done for them, the name large and their household; 换一位 goes back', () => {
    const onChange = jest.fn()
    render(<ChosenResident label='替这位居民提交' resident={LIU} onChange={onChange} testId='voice-for' />)
    const card = screen.getByTestId('voice-for-chosen')
    expect(textOf(card, '.sz-resident-pick__chosen-name')).toBe('刘福贵')
    expect(card.textContent).toContain('替这位居民提交')
    expect(card.textContent).toContain('刘福贵家')
    fireEvent.click(screen.getByTestId('voice-for-change'))
    expect(onChange).toHaveBeenCalledTimes(1)
  })
})
