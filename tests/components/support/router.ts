// Taro's h5 APIs first: @tarojs/router and @tarojs/taro-h5 import each other, and the router must not be the first in.
import '@tarojs/taro'
import { setHistoryMode } from '@tarojs/router'

/** The h5 app's router (config/index.ts: router mode hash), so that Taro.navigateTo really navigates: to `#<url>`. */
export function useHashRouter(): void {
  setHistoryMode('hash')
}
