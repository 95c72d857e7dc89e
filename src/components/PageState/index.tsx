import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { BaseProps } from '../types'
import './index.scss'

export type PageStateKind = 'loading' | 'error' | 'empty'

export interface PageStateProps extends BaseProps {
  kind: PageStateKind
  /** The big line. Defaults per kind below. */
  title?: string
  /** The smaller line under it, e.g. the error's Chinese message. */
  description?: string
  /** Error only: shows a 重试 button. */
  onRetry?: () => void
  /** Extra actions under the text (e.g. a 切换身份 button). */
  children?: ReactNode
}

const DEFAULT_TITLES: Record<PageStateKind, string> = {
  loading: '正在加载…',
  error: '没有加载成功',
  empty: '这里还没有内容',
}

const MARKS: Record<PageStateKind, string> = { loading: '', error: '!', empty: 'i' }

/** Loading, error (with 重试) or empty: the one way every page and list says "nothing to show yet". */
export function PageState({ kind, title, description, onRetry, children, className, testId }: PageStateProps) {
  return (
    <View className={`sz-page-state sz-page-state--${kind} ${className ?? ''}`} data-testid={testId ?? `page-${kind}`}>
      {kind === 'loading' ? <View className='sz-page-state__spinner' /> : <View className='sz-page-state__mark'>{MARKS[kind]}</View>}
      <Text className='sz-page-state__title'>{title ?? DEFAULT_TITLES[kind]}</Text>
      {description ? <Text className='sz-page-state__description'>{description}</Text> : null}
      {kind === 'error' && onRetry ? (
        <View className='sz-page-state__actions'>
          <Button className='sz-button' type='primary' size='large' block onClick={onRetry} data-testid='page-retry'>
            重试
          </Button>
        </View>
      ) : null}
      {children ? <View className='sz-page-state__actions'>{children}</View> : null}
    </View>
  )
}

export default PageState
