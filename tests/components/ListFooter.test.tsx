import { fireEvent, render, screen } from '@testing-library/react'
import { ApiError } from '../../src/api'
import { ListFooter, type ListFooterProps } from '../../src/components'

const list = (over: Partial<ListFooterProps['list']> = {}): ListFooterProps['list'] => ({
  items: [1, 2],
  hasMore: false,
  loadingMore: false,
  moreError: undefined,
  loadMore: jest.fn(async () => undefined),
  ...over,
})

describe('ListFooter', () => {
  test('more to load: a big 加载更多 that loads it', () => {
    const l = list({ hasMore: true })
    render(<ListFooter list={l} />)
    expect(screen.getByTestId('load-more').textContent).toBe('加载更多')
    fireEvent.click(screen.getByTestId('load-more'))
    expect(l.loadMore).toHaveBeenCalledTimes(1)
  })

  test('loading: 正在加载…, and nothing to tap', () => {
    render(<ListFooter list={list({ hasMore: true, loadingMore: true })} />)
    expect(screen.getByTestId('list-footer').textContent).toBe('正在加载…')
    expect(screen.queryByTestId('load-more')).toBeNull()
  })

  test('a page that failed: why, and 重试', () => {
    const l = list({ hasMore: true, moreError: new ApiError('NETWORK.FAILED', '网络不太好') })
    render(<ListFooter list={l} testId='footer' />)
    expect(screen.getByTestId('footer').querySelector('.sz-list-footer__error')?.textContent).toBe('网络不太好')
    fireEvent.click(screen.getByTestId('load-more'))
    expect(screen.getByTestId('load-more').textContent).toBe('重试')
    expect(l.loadMore).toHaveBeenCalledTimes(1)
  })

  test('the end: 没有更多了, or nothing at all under an empty list', () => {
    const { rerender } = render(<ListFooter list={list()} />)
    expect(screen.getByTestId('list-footer').textContent).toBe('没有更多了')
    rerender(<ListFooter list={list({ items: [] })} />)
    expect(screen.queryByTestId('list-footer')).toBeNull()
  })
})
