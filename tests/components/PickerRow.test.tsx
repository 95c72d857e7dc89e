import { fireEvent, render, screen } from '@testing-library/react'
import { MonthPicker, PickerRow } from '../../src/components/PickerRow'
import { monthKeyOf } from '../../src/components'
import { textOf } from './support/dom'

describe('PickerRow', () => {
  test("a picker's face: what it is, the value large, and ›", () => {
    render(
      <PickerRow label='日期' testId='date'>
        3月2日（今天）
      </PickerRow>,
    )
    const row = screen.getByTestId('date')
    expect(textOf(row, '.sz-picker-row__label')).toBe('日期')
    expect(textOf(row, '.sz-picker-row__value')).toBe('3月2日（今天）')
    expect(textOf(row, '.sz-arrow')).toBe('›')
  })
})

describe('MonthPicker', () => {
  test('the month in words; a pick answers the month alone, from two years back to this month', async () => {
    const onChange = jest.fn()
    render(<MonthPicker month='2026-03' onChange={onChange} testId='month' />)
    expect(textOf(screen.getByTestId('month'), '.sz-picker-row__value')).toBe('2026年3月')
    const picker = screen.getByTestId('month').closest('taro-picker-core')!
    expect(picker.getAttribute('fields')).toBe('month')
    // Only sane months on the wheel: two years back to this month (the wheel used to start at 1970).
    expect(picker.getAttribute('end')).toBe(`${monthKeyOf()}-01`)
    const [y, m] = monthKeyOf().split('-')
    expect(picker.getAttribute('start')).toBe(`${Number(y) - 2}-${m}-01`)
    // Taro's own h5 picker: a tap opens it, 确定 picks what it shows.
    fireEvent.click(screen.getByTestId('month'))
    const confirm = await screen.findByText('确定')
    fireEvent.click(confirm)
    expect(onChange).toHaveBeenCalledWith('2026-03')
  })
})
