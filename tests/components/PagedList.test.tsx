import { fireEvent, render, screen } from '@testing-library/react'
import { Text } from '@tarojs/components'
import { ApiError } from '../../src/api'
import { PageState, PagedList, type Paged } from '../../src/components'

const list = (over: Partial<Paged<string>> = {}): Paged<string> => ({
  status: 'ready',
  items: ['一', '二'],
  hasMore: false,
  loadingMore: false,
  reload: jest.fn(async () => undefined),
  loadMore: jest.fn(async () => undefined),
  ...over,
})

const draw = (l: Paged<string>) =>
  render(
    <PagedList
      list={l}
      testId='things'
      empty={<PageState kind='empty' title='什么也没有' testId='things-empty' />}
      before={<Text data-testid='things-intro'>说明一句</Text>}
      item={(x, i) => (
        <Text key={x} data-testid={`thing-${i}`}>
          {x}
        </Text>
      )}
    />,
  )

describe('PagedList', () => {
  test('loading, then the items in order with the line above them and the footer', () => {
    const { rerender } = draw(list({ status: 'loading', items: [] }))
    expect(screen.queryByTestId('things')).toBeNull()
    expect(screen.queryByTestId('things-intro')).toBeNull()
    rerender(
      <PagedList list={list({ hasMore: true })} testId='things' empty={null} before={<Text data-testid='things-intro'>说明一句</Text>} item={(x, i) => <Text key={x} data-testid={`thing-${i}`}>{x}</Text>} />,
    )
    expect(screen.getByTestId('things-intro').textContent).toBe('说明一句')
    expect([screen.getByTestId('thing-0').textContent, screen.getByTestId('thing-1').textContent]).toEqual(['一', '二'])
    expect(screen.getByTestId('load-more')).toBeTruthy()
  })

  test('empty: the page’s own words, and no line above an empty list', () => {
    draw(list({ items: [] }))
    expect(screen.getByTestId('things-empty').textContent).toContain('什么也没有')
    expect(screen.queryByTestId('things-intro')).toBeNull()
  })

  test('failed: why, and 重试 reloads; a caller who has not joined is asked to join instead', () => {
    const l = list({ status: 'error', items: [], error: new ApiError('NETWORK.FAILED', '网络不太好，请稍后再试') })
    draw(l)
    expect(document.body.textContent).toContain('网络不太好')
    fireEvent.click(screen.getByText('重试'))
    expect(l.reload).toHaveBeenCalledTimes(1)
  })

  test('not joined: 加入社区, not an error', () => {
    draw(list({ status: 'error', items: [], error: new ApiError('AUTH.UNAUTHENTICATED', '请先登录或加入社区') }))
    expect(screen.getByTestId('not-joined')).toBeTruthy()
    expect(screen.queryByText('重试')).toBeNull()
  })
})
