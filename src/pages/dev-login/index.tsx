import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { DEMO_USERS } from '@core/demo'
import { clearDevOpenid, getDevOpenid, setDevOpenid } from '../../api'
import './index.scss'

/**
 * 切换身份 (h5 build only, see app.config.ts): act as one of the demo people. The choice is sent as header
 * `x-wx-openid`, which only the local gateway honours; the mini-program's identity always comes from WeChat.
 */
export default function DevLogin() {
  const [current] = useState(getDevOpenid)

  const choose = (openid: string | null) => {
    if (openid) setDevOpenid(openid)
    else clearDevOpenid()
    void Taro.reLaunch({ url: '/pages/index/index' })
  }

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
      <View className='sz-actions'>
        <Button className='sz-button' size='large' block data-testid='demo-logout' onClick={() => choose(null)}>
          退出（匿名）
        </Button>
      </View>
    </View>
  )
}
