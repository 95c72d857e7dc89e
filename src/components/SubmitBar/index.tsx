import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { BaseProps } from '../types'
import './index.scss'

export interface SubmitBarProps extends BaseProps {
  /** The button's words. */
  label: ReactNode
  onSubmit: () => void
  /** Sending: the button spins, cannot be tapped again, and says `busyLabel` where there is one (正在提交). */
  busy?: boolean
  busyLabel?: string
  /** Photos still going up: the button waits, and says so. */
  uploading?: boolean
  /** Off for a reason of the page's own (a month already awarded). */
  disabled?: boolean
  /** Why the form has not gone (the server's refusal), kept on screen above the button (a toast is gone in three seconds). */
  error?: string | null
  /** How many fields still show red: said there when there is no other error. */
  unfixed?: number
  /** The heading of that message: 还没有提交, 还没有保存. */
  errorTitle?: string
  errorTestId?: string
  /** `xlarge` for the one thing a form is for; `large` where the page is more than its form (设置). */
  size?: 'large' | 'xlarge'
  /** Taller still, in title type: the form is the whole page (申报, 异议, 提名, 检查). */
  tall?: boolean
  /** What happens once it is sent, in grey under the button (提交后由院长初审 …). */
  after?: ReactNode
  /** Above the button (有 2 项修改还没有保存). */
  children?: ReactNode
  /** On the button. */
  testId: string
}

/** The end of a form: what stopped it (if anything) in words, then its one large button, busy while it sends. */
export function SubmitBar({ label, onSubmit, busy, busyLabel, uploading, disabled, error, unfixed, errorTitle, errorTestId, size = 'xlarge', tall, after, children, className, testId }: SubmitBarProps) {
  const stopped = error || (unfixed ? `有 ${unfixed} 处没有填好，请看上面的红字` : null)
  return (
    <>
      {stopped ? (
        <View className='sz-alert sz-alert--error' data-testid={errorTestId}>
          {errorTitle ? <Text className='sz-alert__title'>{errorTitle}</Text> : null}
          <Text className='sz-alert__line'>{stopped}</Text>
        </View>
      ) : null}
      <View className={`sz-actions ${className ?? ''}`}>
        {children}
        <Button
          className={tall ? 'sz-button sz-submit-bar__button--tall' : 'sz-button'}
          type='primary'
          size={size}
          block
          loading={busy}
          disabled={busy || uploading || disabled}
          data-testid={testId}
          onClick={onSubmit}
        >
          {uploading ? '照片上传中，请稍候' : busy && busyLabel ? busyLabel : label}
        </Button>
      </View>
      {after ? <Text className='sz-submit-bar__after'>{after}</Text> : null}
    </>
  )
}

export default SubmitBar
