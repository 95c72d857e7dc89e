// What the h5 build defines (config/index.ts and @tarojs/webpack5-runner's H5WebpackPlugin).
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'
process.env.SUPPORT_TARO_POLYFILL = 'disabled'
Object.assign(globalThis, { DEPRECATED_ADAPTER_COMPONENT: false })
