import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useElder } from '../elder'
import { NavBar } from '../NavBar'
import { TabBar } from '../TabBar'
import { isTabPage, pagePath } from '../TabBar/tabs'
import './index.scss'

interface Where {
  route: string
  depth: number
  title: string
}

function where(): Where {
  let pages: ReturnType<typeof Taro.getCurrentPages> = []
  try {
    pages = Taro.getCurrentPages()
  } catch {
    // The router has not started yet: no page to draw around.
  }
  const top = pages[pages.length - 1] as { route?: string; path?: string } | undefined
  return { route: pagePath(top?.route ?? top?.path ?? ''), depth: pages.length, title: typeof document === 'undefined' ? '' : document.title }
}

/**
 * h5 only (app.ts): what WeChat draws around a page in the weapp. Over a page that is not a tab, the NavBar (返回 or
 * 回首页, and 首页); under a tab page, the tab bar by role. It follows the router: after every change of page, and when a
 * page changes its title. It also puts 长辈模式's class on <html> from launch.
 */
export function AppChrome() {
  const [here, setHere] = useState<Where>(where)
  // 长辈模式 from the first page on: its class goes on <html> (src/components/elder.ts), under every page and sheet.
  useElder()
  useEffect(() => {
    const update = () => setHere(where())
    const later = () => setTimeout(update, 0)
    Taro.eventCenter.on('__afterTaroRouterChange', later)
    Taro.eventCenter.on('__taroRouterChange', later)
    Taro.eventCenter.on('__taroH5SetNavigationBarTitle', later)
    const title = typeof document !== 'undefined' ? document.querySelector('title') : null
    const observer = title && typeof MutationObserver !== 'undefined' ? new MutationObserver(update) : null
    if (title) observer?.observe(title, { childList: true, characterData: true, subtree: true })
    later()
    return () => {
      Taro.eventCenter.off('__afterTaroRouterChange', later)
      Taro.eventCenter.off('__taroRouterChange', later)
      Taro.eventCenter.off('__taroH5SetNavigationBarTitle', later)
      observer?.disconnect()
    }
  }, [])

  if (!here.route) return null
  return isTabPage(here.route) ? (
    <View className='sz-chrome sz-chrome--bottom'>
      <TabBar route={here.route} />
    </View>
  ) : (
    <View className='sz-chrome sz-chrome--top'>
      <NavBar depth={here.depth} title={here.title} />
    </View>
  )
}

export default AppChrome
