import { View, Text } from '@tarojs/components'
import type { Paged } from '../usePaged'
import type { BaseProps } from '../types'
import './index.scss'

export interface ListFooterProps extends BaseProps {
  list: Pick<Paged<unknown>, 'items' | 'hasMore' | 'loadingMore' | 'moreError' | 'loadMore'>
}

/** Under a paged list: a big 加载更多 button, 正在加载…, a failed page with 重试, or 没有更多了. */
export function ListFooter({ list, className, testId = 'list-footer' }: ListFooterProps) {
  if (list.loadingMore) {
    return (
      <View className={`sz-list-footer ${className ?? ''}`} data-testid={testId}>
        <Text className='sz-list-footer__note'>正在加载…</Text>
      </View>
    )
  }
  if (list.moreError || list.hasMore) {
    return (
      <View className={`sz-list-footer ${className ?? ''}`} data-testid={testId}>
        {list.moreError ? <Text className='sz-list-footer__error'>{list.moreError.message}</Text> : null}
        <View className='sz-list-footer__button' hoverClass='sz-list-footer__button--hover' data-testid='load-more' onClick={() => void list.loadMore()}>
          {list.moreError ? '重试' : '加载更多'}
        </View>
      </View>
    )
  }
  if (list.items.length === 0) return null
  return (
    <View className={`sz-list-footer ${className ?? ''}`} data-testid={testId}>
      <Text className='sz-list-footer__note'>没有更多了</Text>
    </View>
  )
}

export default ListFooter
