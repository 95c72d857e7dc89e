import { useState } from 'react'
import { fireEvent, render, screen } from '@testing-library/react'
import { PinPad } from '../../src/components/PinPad'

/** The pad as a page holds it: the digits in the page's state. */
function Held({ onValue }: { onValue: (v: string) => void }) {
  const [value, setValue] = useState('')
  return (
    <PinPad
      value={value}
      onChange={(v) => {
        setValue(v)
        onValue(v)
      }}
      testId='pin'
    />
  )
}

const tap = (id: string) => fireEvent.click(screen.getByTestId(id))
const filled = () => screen.getByTestId('pin-dots').getAttribute('data-filled')

describe('PinPad', () => {
  test('four digits are taken and shown only as dots; a fifth is not; 退格 takes one back, 清除 all', () => {
    const seen: string[] = []
    render(<Held onValue={(v) => seen.push(v)} />)
    for (const d of '24680') tap(`pin-key-${d}`)
    expect(seen.at(-1)).toBe('2468')
    expect(filled()).toBe('4')
    expect(screen.getByTestId('pin-dots').querySelectorAll('.sz-pin__dot--on')).toHaveLength(4)
    // The digits are nowhere on screen but on the keys themselves.
    expect(screen.getByTestId('pin-dots').textContent).toBe('')
    tap('pin-back')
    expect(seen.at(-1)).toBe('246')
    expect(filled()).toBe('3')
    tap('pin-clear')
    expect(seen.at(-1)).toBe('')
    expect(filled()).toBe('0')
  })

  test('every key is there, with 清除 and 退格 in words; a disabled pad takes nothing', () => {
    const onChange = jest.fn()
    render(<PinPad value='12' onChange={onChange} disabled testId='pin' />)
    for (const d of '0123456789') expect(screen.getByTestId(`pin-key-${d}`).textContent).toBe(d)
    expect(screen.getByTestId('pin-clear').textContent).toBe('清除')
    expect(screen.getByTestId('pin-back').textContent).toBe('退格')
    tap('pin-key-5')
    tap('pin-clear')
    expect(onChange).not.toHaveBeenCalled()
    expect(filled()).toBe('2')
  })
})
