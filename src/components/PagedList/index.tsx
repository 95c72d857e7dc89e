import { View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import type { ReactNode } from 'react'
import { ListFooter } from '../ListFooter'
import { NotJoined } from '../NotJoined'
import { PageState } from '../PageState'
import type { Paged } from '../usePaged'
import { usePullDownReload } from '../usePullDownReload'
import { useReshow } from '../useReshow'

/**
 * What a page that is one paged list does besides drawing it: pulling down reloads it, reaching the bottom loads the
 * next page, and coming back to the page (from an item just changed, or the form that made one) reloads it.
 */
export function usePagedPage<T>(list: Paged<T>): void {
  usePullDownReload(list.reload)
  useReachBottom(() => void list.loadMore())
  useReshow(() => void list.reload())
}

export interface PagedListProps<T> {
  list: Paged<T>
  /** What an empty list shows: a PageState of kind `empty`, with its words and perhaps a button. */
  empty: ReactNode
  /** One item; `i` > 0 draws the divider above it. */
  item: (item: T, i: number) => ReactNode
  /** Above the items, once there are some (a one-line explanation). */
  before?: ReactNode
  testId: string
}

/**
 * A paged list in its four states: loading, failed (a caller who has not joined gets 加入社区, anyone else 重试), empty,
 * and the items with the footer (加载更多 / 没有更多了).
 */
export function PagedList<T>({ list, empty, item, before, testId }: PagedListProps<T>) {
  if (list.status === 'loading') return <PageState kind='loading' />
  if (list.status === 'error')
    return list.error?.code === 'AUTH.UNAUTHENTICATED' ? <NotJoined /> : <PageState kind='error' description={list.error?.message} onRetry={() => void list.reload()} />
  if (list.items.length === 0) return <>{empty}</>
  return (
    <>
      {before}
      <View className='sz-list' data-testid={testId}>
        {list.items.map((x, i) => item(x, i))}
      </View>
      <ListFooter list={list} />
    </>
  )
}

export default PagedList
