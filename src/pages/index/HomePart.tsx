import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import type { UseApi } from '../../components'

/** A grey card in place of a part of 首页: while it loads, when there is nothing yet, or when it failed (a tap tries again). */
export function Placeholder({ testId, onTap, children }: { testId?: string; onTap?: () => void; children: ReactNode }) {
  return (
    <View className='sz-card sz-home__placeholder' data-testid={testId} onClick={onTap}>
      {children}
    </View>
  )
}

export interface HomePartProps<T> {
  source: UseApi<T>
  /** What the placeholder says while it loads; nothing is shown without it. */
  loading?: string
  /** What the placeholder says after a failure (… 点这里重试). */
  failed: string
  failedTestId?: string
  children: (data: T) => ReactNode
}

/** A part of 首页 that loads (and fails) on its own, so the rest of the page stays: a placeholder until its data is there. */
export function HomePart<T>({ source, loading, failed, failedTestId, children }: HomePartProps<T>) {
  const { state, reload } = source
  if (state.status === 'loading') return loading ? <Placeholder>{loading}</Placeholder> : null
  if (state.status === 'error')
    return (
      <Placeholder testId={failedTestId} onTap={() => void reload()}>
        {failed}
      </Placeholder>
    )
  return <>{children(state.data)}</>
}
