import { View, Text, Image } from '@tarojs/components'
import { pagePath, tabsFor, openTabItem } from './tabs'
import { useViewer } from './viewer'
import './index.scss'

export interface TabBarProps {
  /** The page it is shown on ('pages/me/index'): its tab is marked. */
  route: string
}

/**
 * The tab bar, by role (tabsFor): the weapp's custom tab bar (src/custom-tab-bar) and the h5 one (AppChrome) both
 * render it. Its classes are WeUI's, as Taro's own tab bar had them, so print styles and tests that name them still hold.
 */
export function TabBar({ route }: TabBarProps) {
  const viewer = useViewer()
  const here = pagePath(route)
  return (
    <View className='taro-tabbar__tabbar sz-tabbar' data-testid='tab-bar'>
      {tabsFor(viewer).map((item) => {
        const on = item.path === here
        return (
          <View
            key={item.key}
            className={`weui-tabbar__item sz-tabbar__item ${on ? 'weui-bar__item_on sz-tabbar__item--on' : ''}`}
            data-testid={`tab-${item.key}`}
            data-active={on ? 'true' : 'false'}
            onClick={() => !on && openTabItem(item)}
          >
            <Image className='sz-tabbar__icon' src={on ? item.selectedIcon : item.icon} mode='aspectFit' />
            <Text className='weui-tabbar__label sz-tabbar__label'>{item.text}</Text>
          </View>
        )
      })}
    </View>
  )
}

export default TabBar
