import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import { NotJoined } from '../NotJoined'
import { PageState } from '../PageState'
import type { ApiState } from '../useApi'

export interface LoadedProps<T> {
  state: ApiState<T>
  reload: () => unknown
  /** What a page shows for particular refusals instead of the error state, e.g. `{ NOT_FOUND: <PageState kind='empty' … /> }`. */
  refusals?: Partial<Record<string, ReactNode>>
  /** Without the `sz-page` wrapper, for a part of a page (the head of 我的). */
  bare?: boolean
  /** The page itself, once its data is there. */
  children: (data: T) => ReactNode
}

/**
 * The one wrapper of a page that loads: 正在加载…, an error with 重试, 您还没有加入社区 (AUTH.UNAUTHENTICATED, so the
 * page's calls should silence that code), or the page. Every page says "not yet" the same way.
 */
export function Loaded<T>({ state, reload, refusals, bare, children }: LoadedProps<T>) {
  if (state.status === 'ready') return <>{children(state.data)}</>
  let body: ReactNode
  if (state.status === 'loading') body = <PageState kind='loading' />
  else if (state.error.code === 'AUTH.UNAUTHENTICATED') body = <NotJoined />
  else body = refusals?.[state.error.code] ?? <PageState kind='error' description={state.error.message} onRetry={() => void reload()} />
  return bare ? <>{body}</> : <View className='sz-page'>{body}</View>
}

/** Options for a page's calls: an unknown caller is a state of the page (您还没有加入社区), not an error to toast. */
export const quietUnknown = { silent: ['AUTH.UNAUTHENTICATED'] } as const

export default Loaded
