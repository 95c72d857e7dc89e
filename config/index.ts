import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

/**
 * One config for both targets. The weapp build goes to `dist/` (project.config.json's miniprogramRoot) and the
 * h5 build to `dist-h5/`, so the two never clean each other's output.
 */
const isH5 = process.env.TARO_ENV === 'h5'

/**
 * The CloudBase environment the weapp talks to (`Taro.cloud.init`), set at build time. A weapp built without it would
 * ship a placeholder and fail on every call, so the build stops instead. The h5 build talks to the local cloud only.
 */
const cloudEnv = process.env.TARO_APP_CLOUD_ENV?.trim() ?? ''
if (process.env.TARO_ENV === 'weapp' && !cloudEnv) {
  // Said plainly and exited: a thrown error here is reported by Taro as a missing config file.
  console.error('没有设置 TARO_APP_CLOUD_ENV（云开发环境 ID），小程序无法连上云端，构建已停止。')
  console.error('请这样构建：TARO_APP_CLOUD_ENV=你的环境ID npm run build:weapp（环境 ID 在云开发控制台的「设置」里）')
  process.exit(1)
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'shanzhi-jifen',
    date: '2025-11-24',
    // Our design is 750 wide; NutUI's stylesheets are written for 375 (its px must count double).
    designWidth(input) {
      const file = typeof input === 'object' && input ? input.file : undefined
      if (file && file.replace(/\\+/g, '/').includes('@nutui')) return 375
      return 750
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: [],
    defineConstants: {
      CLOUD_ENV: JSON.stringify(cloudEnv),
      // Subscribe-message template ids the app asks people for, one per message (src/core/notifications.ts,
      // docs/subscribe-messages.md): TARO_APP_TEMPLATE_<KIND>, the same ids the functions' SUBSCRIBE_TEMPLATE_<KIND> name.
      SUBSCRIBE_TEMPLATES: JSON.stringify(
        Object.fromEntries(
          ['claim_to_review', 'claim_decided', 'listing', 'objection_resolved', 'objection', 'listing_proposed', 'listing_revoked'].map((kind) => [
            kind,
            process.env[`TARO_APP_TEMPLATE_${kind.toUpperCase()}`]?.trim() ?? '',
          ]),
        ),
      ),
    },
    alias: {
      '@core': path.resolve(__dirname, '..', 'src/core'),
    },
    copy: {
      patterns: [],
      options: {},
    },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      // NutUI must go through our own pipeline (pxtransform, per-component styles), never the prebundle.
      prebundle: { exclude: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'] },
    },
    cache: {
      enable: false,
    },
    mini: {
      // Every imported package goes through Babel with the weapp's targets (babel.config.js), not only Taro's own.
      compile: { include: [(file: string) => file.includes('node_modules')] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      // Served from the site root with /api/* beside it: no other host is ever named.
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css',
      },
      // Taro splits only initial chunks on h5, so every lazily loaded page carried its own copy of NutUI, zod and our
      // components; share them between pages instead.
      webpackChain(chain) {
        const splitChunks = chain.optimization.get('splitChunks')
        if (splitChunks) chain.optimization.splitChunks({ ...splitChunks, chunks: 'all' })
        // The ~300 KB entry is Taro's h5 runtime and React; webpack's 244 KB hint cannot be acted on.
        chain.performance.hints(false)
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
