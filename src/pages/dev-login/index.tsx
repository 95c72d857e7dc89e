import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { DEMO_USERS } from '@core/demo'
import { clearDevOpenid, getDevOpenid, setDevOpenid } from '../../api'
import './index.scss'

/** What WeChat openids look like (letters, digits, - and _): anything else is a typing slip. */
const OPENID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * 切换身份 (h5 build only, see app.config.ts): act as one of the demo people, or type any openid to be a WeChat user
 * the cloud has never seen (a tester trying a community made by `npm run setup`). The choice is sent as header
 * `x-wx-openid`, which only the local gateway honours; the mini-program's identity always comes from WeChat.
 */
export default function DevLogin() {
  const [current] = useState(getDevOpenid)
  const [typed, setTyped] = useState('')
  const [typedError, setTypedError] = useState<string | null>(null)

  const choose = (openid: string | null) => {
    if (openid) setDevOpenid(openid)
    else clearDevOpenid()
    void Taro.reLaunch({ url: '/pages/index/index' })
  }

  const chooseTyped = () => {
    const openid = typed.trim()
    if (!OPENID.test(openid)) return setTypedError('请输入字母、数字、- 或 _，不超过 64 个字符')
    choose(openid)
  }
  const custom = current && !DEMO_USERS.some((u) => u.openid === current) ? current : null

  return (
    <View className='sz-page sz-dev-login'>
      <Text className='sz-section-title'>选一位演示人员（仅本地演示使用）</Text>
      <View className='sz-dev-login__list'>
        {DEMO_USERS.map((u) => (
          <View
            key={u.openid}
            className={`sz-dev-login__row ${u.openid === current ? 'sz-dev-login__row--current' : ''}`}
            hoverClass='sz-dev-login__row--hover'
            data-testid={`demo-user-${u.openid}`}
            onClick={() => choose(u.openid)}
          >
            <View className='sz-dev-login__who'>
              <Text className='sz-dev-login__name'>{u.name}</Text>
              <Text className='sz-dev-login__label'>{u.label}</Text>
            </View>
            {u.openid === current ? <Text className='sz-dev-login__check'>当前</Text> : null}
          </View>
        ))}
      </View>
      <Text className='sz-section-title sz-dev-login__custom-title'>或者当一位新的微信用户（输入任意身份）</Text>
      <View className='sz-card sz-dev-login__custom' data-testid='dev-openid'>
        {custom ? (
          <Text className='sz-dev-login__label' data-testid='dev-openid-current'>
            当前：{custom}
          </Text>
        ) : null}
        <Input
          className='sz-input'
          data-testid='dev-openid-input'
          value={typed}
          maxlength={64}
          placeholder='输入任意身份，例如 2024001'
          onInput={(e) => {
            setTyped(e.detail.value)
            setTypedError(null)
          }}
          onConfirm={chooseTyped}
        />
        {typedError ? (
          <Text className='sz-field__error' data-testid='dev-openid-error'>
            {typedError}
          </Text>
        ) : null}
        <Button className='sz-button sz-dev-login__use' type='primary' size='large' block data-testid='dev-openid-use' onClick={chooseTyped}>
          使用
        </Button>
      </View>
      <View className='sz-actions'>
        <Button className='sz-button' size='large' block data-testid='demo-logout' onClick={() => choose(null)}>
          退出（匿名）
        </Button>
      </View>
    </View>
  )
}
