import { fireEvent, render, screen } from '@testing-library/react'
import { SubmitBar } from '../../src/components'
import { classes } from './support/dom'

const button = () => screen.getByTestId('submit')

describe('SubmitBar', () => {
  test('one large green button that submits', () => {
    const onSubmit = jest.fn()
    const { container } = render(<SubmitBar label='提交申报' testId='submit' onSubmit={onSubmit} />)
    expect(button().textContent).toBe('提交申报')
    expect(classes(button())).toEqual(expect.arrayContaining(['sz-button', 'nut-button-primary', 'nut-button-xlarge', 'nut-button-block']))
    expect(container.querySelector('.sz-alert')).toBeNull()
    fireEvent.click(button())
    expect(onSubmit).toHaveBeenCalledTimes(1)
  })

  test('busy: spins, says so, and a second tap does nothing', () => {
    const onSubmit = jest.fn()
    render(<SubmitBar label='提交异议' busy busyLabel='正在提交' testId='submit' onSubmit={onSubmit} />)
    expect(button().textContent).toBe('正在提交')
    expect(classes(button())).toEqual(expect.arrayContaining(['nut-button-loading', 'nut-button-disabled']))
    fireEvent.click(button())
    expect(onSubmit).not.toHaveBeenCalled()
  })

  test('busy without busy words keeps the label', () => {
    render(<SubmitBar label='加入社区' busy testId='submit' onSubmit={jest.fn()} />)
    expect(button().textContent).toBe('加入社区')
    expect(classes(button())).toContain('nut-button-loading')
  })

  test('photos going up: the button waits and says why', () => {
    const onSubmit = jest.fn()
    render(<SubmitBar label='提交申报' busyLabel='正在提交' uploading testId='submit' onSubmit={onSubmit} />)
    expect(button().textContent).toBe('照片上传中，请稍候')
    expect(classes(button())).not.toContain('nut-button-loading')
    fireEvent.click(button())
    expect(onSubmit).not.toHaveBeenCalled()
  })

  test('disabled for a reason of the page', () => {
    const onSubmit = jest.fn()
    render(<SubmitBar label='提交检查结果（90 分）' disabled testId='submit' onSubmit={onSubmit} />)
    fireEvent.click(button())
    expect(onSubmit).not.toHaveBeenCalled()
  })

  test('what stopped it stays above the button: the refusal first, else how many fields show red', () => {
    const { rerender } = render(<SubmitBar label='保存' unfixed={2} errorTitle='还没有保存' errorTestId='error' testId='submit' onSubmit={jest.fn()} />)
    const alert = () => screen.getByTestId('error')
    expect(alert().querySelector('.sz-alert__title')?.textContent).toBe('还没有保存')
    expect(alert().querySelector('.sz-alert__line')?.textContent).toBe('有 2 处没有填好，请看上面的红字')
    expect(alert().nextElementSibling?.contains(button())).toBe(true)

    rerender(<SubmitBar label='保存' error='库存不够' unfixed={2} errorTitle='还没有保存' errorTestId='error' testId='submit' onSubmit={jest.fn()} />)
    expect(alert().querySelector('.sz-alert__line')?.textContent).toBe('库存不够')

    rerender(<SubmitBar label='保存' error={null} unfixed={0} errorTestId='error' testId='submit' onSubmit={jest.fn()} />)
    expect(screen.queryByTestId('error')).toBeNull()
  })

  test('an error without a heading is one line', () => {
    render(<SubmitBar label='加入社区' error='这个微信已经加入了社区' errorTestId='error' testId='submit' onSubmit={jest.fn()} />)
    expect(screen.getByTestId('error').querySelector('.sz-alert__title')).toBeNull()
    expect(screen.getByTestId('error').textContent).toBe('这个微信已经加入了社区')
  })

  test('tall where the form is the whole page, with what happens next under it', () => {
    const { container } = render(<SubmitBar tall label='提交申报' after='提交后由院长初审' testId='submit' onSubmit={jest.fn()} />)
    expect(classes(button())).toContain('sz-submit-bar__button--tall')
    const after = container.querySelector('.sz-submit-bar__after')
    expect(after?.textContent).toBe('提交后由院长初审')
    expect(after?.previousElementSibling?.contains(button())).toBe(true)
  })

  test('not tall, nothing under it, unless asked', () => {
    const { container } = render(<SubmitBar label='保存' testId='submit' onSubmit={jest.fn()} />)
    expect(classes(button())).not.toContain('sz-submit-bar__button--tall')
    expect(container.querySelector('.sz-submit-bar__after')).toBeNull()
  })

  test('large, with a note above the button', () => {
    render(
      <SubmitBar label='保存设置' size='large' testId='submit' onSubmit={jest.fn()}>
        <span data-testid='note'>有 1 项修改还没有保存</span>
      </SubmitBar>,
    )
    expect(classes(button())).toContain('nut-button-large')
    expect(screen.getByTestId('note').nextElementSibling).toBe(button())
  })
})
