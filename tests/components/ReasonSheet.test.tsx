import { fireEvent, render, screen } from '@testing-library/react'
import { ReasonSheet, type ReasonSheetProps } from '../../src/components/ReasonSheet'
import { classes, control } from './support/dom'

const TEMPLATES = ['照片看不清', '不属于这一项']

const sheet = (over: Partial<ReasonSheetProps> = {}) => {
  const props: ReasonSheetProps = {
    title: '退回补充',
    subtitle: '张秀英 · 清扫楼道',
    confirmText: '确定退回',
    templates: TEMPLATES,
    placeholder: '也可以自己写原因',
    sending: false,
    onCancel: jest.fn(),
    onConfirm: jest.fn(),
    testId: 'return',
    textTestId: 'return-reason',
    ...over,
  }
  render(<ReasonSheet {...props} />)
  return props
}

describe('ReasonSheet', () => {
  test('nothing goes without a reason', () => {
    const props = sheet()
    expect(screen.getByTestId('return-sheet').textContent).toContain('张秀英 · 清扫楼道')
    fireEvent.click(screen.getByTestId('return-confirm'))
    expect(props.onConfirm).not.toHaveBeenCalled()
    expect(screen.getByTestId('return-sheet').querySelector('.sz-sheet__error')?.textContent).toBe('请选一个原因，或写下原因')
  })

  test('a usual reason is one tap, and is marked', async () => {
    const props = sheet()
    fireEvent.click(screen.getByTestId('return-template-1'))
    expect(classes(screen.getByTestId('return-template-1'))).toContain('sz-sheet__option--on')
    expect(classes(screen.getByTestId('return-template-0'))).not.toContain('sz-sheet__option--on')
    expect((await control('return-reason')).value).toBe('不属于这一项')
    fireEvent.click(screen.getByTestId('return-confirm'))
    expect(props.onConfirm).toHaveBeenCalledWith('不属于这一项')
  })

  test('or written, trimmed; the red words go as the reason is written', async () => {
    const props = sheet()
    fireEvent.click(screen.getByTestId('return-confirm'))
    fireEvent.input(await control('return-reason'), { target: { value: '  时间写错了 ' } })
    expect(screen.getByTestId('return-sheet').querySelector('.sz-sheet__error')).toBeNull()
    fireEvent.click(screen.getByTestId('return-confirm'))
    expect(props.onConfirm).toHaveBeenCalledWith('时间写错了')
    fireEvent.click(screen.getByTestId('return-cancel'))
    expect(props.onCancel).toHaveBeenCalledTimes(1)
  })

  test('what the decision will do above the reasons; its own words when one is missing', () => {
    sheet({ intro: <span data-testid='intro'>成立后这条记录会被冲正</span>, missingText: '请选一条处理意见，或写下处理意见', maxlength: 300 })
    expect(screen.getByTestId('intro').nextElementSibling?.className).toBe('sz-sheet__options')
    expect(screen.getByTestId('return-reason').getAttribute('maxlength')).toBe('300')
    fireEvent.click(screen.getByTestId('return-confirm'))
    expect(screen.getByTestId('return-sheet').querySelector('.sz-sheet__error')?.textContent).toBe('请选一条处理意见，或写下处理意见')
  })
})
