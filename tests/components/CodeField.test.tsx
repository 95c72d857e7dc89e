import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { CodeField } from '../../src/components/Scanner/CodeField'
import { control } from './support/dom'

/** Types into the field as a person would (the h5 input's own element). */
async function type(text: string) {
  fireEvent.input(await control('t-code-input'), { target: { value: text } })
}

describe('CodeField', () => {
  test('too few digits are refused in words before anything is sent; 16 are sent, and the field empties once they went through', async () => {
    const onSubmit = jest.fn(async () => true)
    render(<CodeField label='扫不出来？输入签到码' hint='16 位数字' placeholder='16 位数字' what='签到码' action='签到' sending={false} onSubmit={onSubmit} testId='t' />)
    await type('1234 5')
    fireEvent.click(screen.getByTestId('t-code-submit'))
    expect(screen.getByTestId('t-field-code').textContent).toContain('签到码是 16 位数字，现在是 5 位')
    expect(onSubmit).not.toHaveBeenCalled()
    await type('1103-5961 0018 7744')
    fireEvent.click(screen.getByTestId('t-code-submit'))
    expect(onSubmit).toHaveBeenCalledWith('1103596100187744')
    await act(async () => undefined)
    await waitFor(async () => expect((await control('t-code-input')).value).toBe(''))
  })

  test('a refused code stays in the field, to be corrected', async () => {
    const onSubmit = jest.fn(async () => false)
    render(<CodeField label='输入券码' hint='' placeholder='' what='券码' action='核销' sending={false} onSubmit={onSubmit} testId='t' />)
    await type('1103596100187744')
    fireEvent.click(screen.getByTestId('t-code-submit'))
    await act(async () => undefined)
    expect((await control('t-code-input')).value).toBe('1103 5961 0018 7744')
  })
})
