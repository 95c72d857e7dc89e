/**
 * Where the h5 build keeps the demo identity (切换身份) in Taro storage: src/api/identity.ts reads and writes it; the e2e
 * tests set it too (tests/support/e2e.ts). Here, not beside Taro, so that node can import it.
 */
export const IDENTITY_STORAGE_KEY = 'x-wx-openid'
