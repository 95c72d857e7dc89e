import Taro from '@tarojs/taro'
import { IDENTITY_STORAGE_KEY } from '@core/identity'

/**
 * The demo identity of the h5 build (切换身份). The local gateway trusts header `x-wx-openid` in development only;
 * the weapp never sends it (WeChat supplies the caller), so nothing here is used there.
 */
export { IDENTITY_STORAGE_KEY }

export function getDevOpenid(): string | null {
  const value: unknown = Taro.getStorageSync(IDENTITY_STORAGE_KEY)
  return typeof value === 'string' && value !== '' ? value : null
}

export function setDevOpenid(openid: string): void {
  Taro.setStorageSync(IDENTITY_STORAGE_KEY, openid)
}

export function clearDevOpenid(): void {
  Taro.removeStorageSync(IDENTITY_STORAGE_KEY)
}
