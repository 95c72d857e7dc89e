import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { getDevOpenid } from '../../api'
import { PageState } from '../PageState'
import type { BaseProps } from '../types'

/**
 * A caller the community does not know yet (user.me → AUTH.UNAUTHENTICATED).
 * In the h5 demo build it offers 切换身份; the mini-program will offer joining with an invite code.
 */
export function NotJoined({ className, testId = 'not-joined' }: BaseProps) {
  const isH5 = process.env.TARO_ENV === 'h5'
  const description =
    isH5 && !getDevOpenid()
      ? '现在没有选择演示身份。请点下面的按钮，选一位演示人员。'
      : '请向院长或社区工作人员要一个邀请码，加入社区后就能申报积分、兑换物品。'

  return (
    <PageState kind='empty' title='您还没有加入社区' description={description} className={className} testId={testId}>
      {isH5 ? (
        <Button
          className='sz-button'
          type='primary'
          size='large'
          block
          data-testid='switch-identity'
          onClick={() => void Taro.navigateTo({ url: '/pages/dev-login/index' })}
        >
          切换身份
        </Button>
      ) : null}
    </PageState>
  )
}

export default NotJoined
