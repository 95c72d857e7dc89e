import Taro from '@tarojs/taro'

/**
 * The demo identity of the h5 build (切换身份). The local gateway trusts header `x-wx-openid` in development only;
 * the weapp never sends it (WeChat supplies the caller), so nothing here is used there.
 */
export const IDENTITY_STORAGE_KEY = 'x-wx-openid'

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
