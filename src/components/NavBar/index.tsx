import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROUTES } from '../routes'
import './index.scss'

export interface NavBarProps {
  /** Pages under this one (getCurrentPages().length): more than one, and 返回 goes back to where I came from. */
  depth: number
  /** The page's title, in the middle. */
  title?: string
}

/**
 * h5 only: the bar above a page that is not a tab (WeChat draws its own in the weapp). ‹ 返回 to the page I came from, or
 * 回首页 when there is none (opened by a link); and 首页 always one tap away.
 */
export function NavBar({ depth, title }: NavBarProps) {
  const canGoBack = depth > 1
  return (
    <View className='sz-navbar' data-testid='nav-bar'>
      {canGoBack ? (
        <View className='sz-navbar__button' hoverClass='sz-navbar__button--hover' data-testid='nav-back' onClick={() => void Taro.navigateBack()}>
          <Text className='sz-navbar__arrow'>‹</Text>
          <Text>返回</Text>
        </View>
      ) : (
        <View className='sz-navbar__button' hoverClass='sz-navbar__button--hover' data-testid='nav-home' onClick={() => void Taro.reLaunch({ url: ROUTES.home })}>
          <Text>回首页</Text>
        </View>
      )}
      <Text className='sz-navbar__title' data-testid='nav-title'>
        {title ?? ''}
      </Text>
      {canGoBack ? (
        <View
          className='sz-navbar__button sz-navbar__button--end'
          hoverClass='sz-navbar__button--hover'
          data-testid='nav-home-tab'
          onClick={() => void Taro.switchTab({ url: ROUTES.home })}
        >
          <Text>首页</Text>
        </View>
      ) : (
        <View className='sz-navbar__button sz-navbar__button--end sz-navbar__button--spacer' />
      )}
    </View>
  )
}

export default NavBar
