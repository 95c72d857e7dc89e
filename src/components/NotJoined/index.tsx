import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { getDevOpenid } from '../../api'
import { PageState } from '../PageState'
import { ROUTES } from '../routes'
import type { BaseProps } from '../types'

/**
 * A caller the community does not know yet (user.me → AUTH.UNAUTHENTICATED).
 * It offers 输入邀请码加入 (the join page: type or scan the code); the h5 demo build also offers 切换身份.
 */
export function NotJoined({ className, testId = 'not-joined' }: BaseProps) {
  const isH5 = process.env.TARO_ENV === 'h5'
  // h5 with no demo identity chosen: 切换身份 first; anyone else (a WeChat user, an h5 visitor) joins with a code.
  const pickDemo = isH5 && !getDevOpenid()
  const description =
    pickDemo
      ? '现在没有选择演示身份。请点下面的按钮，选一位演示人员。'
      : '请向院长或社区工作人员要一个邀请码，点下面的按钮输入，加入社区后就能申报积分、兑换物品。'

  return (
    <PageState kind='empty' title='您还没有加入社区' description={description} className={className} testId={testId}>
      <Button
        className='sz-button'
        type={pickDemo ? 'default' : 'primary'}
        size='large'
        block
        data-testid='join-with-code'
        onClick={() => void Taro.navigateTo({ url: ROUTES.join })}
      >
        输入邀请码加入
      </Button>
      {isH5 ? (
        <Button
          className='sz-button'
          type={pickDemo ? 'primary' : 'default'}
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
