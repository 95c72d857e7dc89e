import { createElement, Fragment, type ComponentType, type PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { listenForPrivacyRequests } from './privacy'
import './app.scss'

/**
 * h5 only: the navigation bar over pages that are not tabs and the tab bar by role (WeChat draws both in the weapp,
 * the tab bar from src/custom-tab-bar). Left out of the weapp build altogether.
 */
const AppChrome: ComponentType | null = process.env.TARO_ENV === 'h5' ? (require('./components/AppChrome') as { AppChrome: ComponentType }).AppChrome : null

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      // Once per launch; every callFunction after this reaches CLOUD_ENV with the caller's WeChat identity.
      Taro.cloud.init({ env: CLOUD_ENV, traceUser: true })
    }
    // Once: WeChat's "agree to the privacy guideline first" goes to the PrivacySheet of the page asking (weapp only).
    listenForPrivacyRequests()
  })
  // Before the pages: Taro's router shows only the last page of #app.
  return AppChrome ? createElement(Fragment, null, createElement(AppChrome), children) : children
}

export default App
