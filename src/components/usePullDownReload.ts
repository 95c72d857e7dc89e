import Taro, { usePullDownRefresh } from '@tarojs/taro'

/** Pulling the page down reloads what it shows (`reload`), and the spinner stops when that is done, failed or not. */
export function usePullDownReload(reload: () => Promise<unknown>): void {
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })
}
