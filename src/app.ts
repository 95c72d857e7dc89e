import { type PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { listenForPrivacyRequests } from './privacy'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      // Once per launch; every callFunction after this reaches CLOUD_ENV with the caller's WeChat identity.
      Taro.cloud.init({ env: CLOUD_ENV, traceUser: true })
    }
    // Once: WeChat's "agree to the privacy guideline first" goes to the PrivacySheet of the page asking (weapp only).
    listenForPrivacyRequests()
  })
  return children
}

export default App
