import type { UserConfigExport } from '@tarojs/cli'

/** `taro build` (NODE_ENV=production): minified; the weapp main package must stay under 1 MB (scripts/weapp-size.mjs). */
export default {
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>
