import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { TabBar } from '../components/TabBar'

/** The tab page on top: the one this tab bar belongs to (WeChat gives each tab page its own). */
function topRoute(): string {
  const pages = Taro.getCurrentPages()
  return pages[pages.length - 1]?.route ?? ''
}

/**
 * The weapp's custom tab bar (app.config.ts: tabBar.custom), the tabs by role (src/components/TabBar). The h5 build
 * renders the same TabBar from AppChrome, since Taro's h5 router draws no custom tab bar.
 */
export default function CustomTabBar() {
  const [route, setRoute] = useState(topRoute)
  // Made with its page, which is on top once it has rendered.
  useEffect(() => setRoute(topRoute()), [])
  return <TabBar route={route} />
}
