/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

/** The CloudBase environment id for `Taro.cloud.init` (config/index.ts `defineConstants`). */
declare const CLOUD_ENV: string

/** Subscribe-message template ids by message kind (config/index.ts `defineConstants`, from TARO_APP_TEMPLATE_<KIND>); '' when not set. */
declare const SUBSCRIBE_TEMPLATES: Record<'claim_to_review' | 'claim_decided' | 'listing' | 'objection_resolved' | 'objection' | 'listing_proposed' | 'listing_revoked', string>

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV?: 'development' | 'production' | 'test'
    /** The platform being built; the bundler drops the branches of the other one. */
    TARO_ENV?: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'rn' | 'harmony'
    TARO_APP_CLOUD_ENV?: string
  }
}
