import { type PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      // Once per launch; every callFunction after this reaches CLOUD_ENV with the caller's WeChat identity.
      Taro.cloud.init({ env: CLOUD_ENV, traceUser: true })
    }
  })
  return children
}

export default App
