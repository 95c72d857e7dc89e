import { fireEvent, render, screen } from '@testing-library/react'
import { PageState } from '../../src/components'
import { classes, textOf } from './support/dom'

describe('PageState', () => {
  test('loading: a spinner and 正在加载…, no button', () => {
    render(<PageState kind='loading' />)
    const state = screen.getByTestId('page-loading')
    expect(state.querySelector('.sz-page-state__spinner')).not.toBeNull()
    expect(textOf(state, '.sz-page-state__title')).toBe('正在加载…')
    expect(screen.queryByTestId('page-retry')).toBeNull()
  })

  test('error: what went wrong, and 重试 that tries again', () => {
    const onRetry = jest.fn()
    render(<PageState kind='error' description='网络不太好' onRetry={onRetry} />)
    const state = screen.getByTestId('page-error')
    expect(textOf(state, '.sz-page-state__mark')).toBe('!')
    expect(textOf(state, '.sz-page-state__title')).toBe('没有加载成功')
    expect(textOf(state, '.sz-page-state__description')).toBe('网络不太好')
    fireEvent.click(screen.getByTestId('page-retry'))
    expect(onRetry).toHaveBeenCalledTimes(1)
  })

  test('empty: its own words and actions; 重试 only for an error', () => {
    render(
      <PageState kind='empty' title='还没有申报' onRetry={jest.fn()} className='mine' testId='state'>
        <button data-testid='go'>去申报</button>
      </PageState>,
    )
    const state = screen.getByTestId('state')
    expect(classes(state)).toEqual(['sz-page-state', 'sz-page-state--empty', 'mine'])
    expect(textOf(state, '.sz-page-state__title')).toBe('还没有申报')
    expect(state.querySelector('.sz-page-state__description')).toBeNull()
    expect(screen.queryByTestId('page-retry')).toBeNull()
    expect(screen.getByTestId('go').parentElement?.className).toBe('sz-page-state__actions')
  })
})
