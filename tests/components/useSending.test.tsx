import { act, renderHook, waitFor } from '@testing-library/react'
import { useSending } from '../../src/components'

const toast = () => document.querySelector('.taro__toast')?.textContent ?? ''

describe('useSending', () => {
  test('sending while the write is on its way; then a toast of what was done, and what comes after', async () => {
    let finish: (v: { returned: number }) => void = () => undefined
    const after = jest.fn()
    const { result } = renderHook(() => useSending())
    expect(result.current.sending).toBe(false)
    let went: Promise<boolean> = Promise.resolve(false)
    act(() => {
      went = result.current.send(() => new Promise<{ returned: number }>((r) => (finish = r)), ({ returned }) => `已撤销，退回 ${returned} 分`, after)
    })
    expect(result.current.sending).toBe(true)
    await act(async () => finish({ returned: 2 }))
    await expect(went).resolves.toBe(true)
    expect(result.current.sending).toBe(false)
    expect(after).toHaveBeenCalledWith({ returned: 2 })
    await waitFor(() => expect(toast()).toContain('已撤销，退回 2 分'))
  })

  test('a refusal leaves the sheet as it was: nothing after, no success toast, ready for another try', async () => {
    const after = jest.fn()
    const done = jest.fn(() => '不该出现')
    const { result } = renderHook(() => useSending())
    let went = true
    await act(async () => {
      went = await result.current.send(() => Promise.reject(new Error('refused')), done, after)
    })
    expect(went).toBe(false)
    expect(done).not.toHaveBeenCalled()
    expect(after).not.toHaveBeenCalled()
    expect(result.current.sending).toBe(false)
  })
})
