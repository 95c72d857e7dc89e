import { useEffect } from 'react'
import Taro from '@tarojs/taro'

/**
 * While `on`: the screen at full brightness and kept awake, so a shop's scanner reads the QR at once; the resident's own
 * brightness comes back when it goes off (page hidden, voucher used, page closed). weapp only: h5 has no such API.
 */
export function useBrightScreen(on: boolean): void {
  useEffect(() => {
    if (!on || process.env.TARO_ENV !== 'weapp') return
    if (typeof Taro.getScreenBrightness !== 'function' || typeof Taro.setScreenBrightness !== 'function') return
    let off = false
    let saved: number | null = null
    const restore = () => {
      if (saved !== null) void Taro.setScreenBrightness({ value: saved }).catch(() => undefined)
    }
    void (async () => {
      try {
        saved = (await Taro.getScreenBrightness()).value
      } catch {
        return // cannot read it, so cannot give it back: leave it alone
      }
      if (off) return
      try {
        await Taro.setScreenBrightness({ value: 1 })
      } catch {
        return
      }
      if (off) restore() // turned off while the change was on its way
    })()
    void Taro.setKeepScreenOn?.({ keepScreenOn: true }).catch(() => undefined)
    return () => {
      off = true
      restore()
      void Taro.setKeepScreenOn?.({ keepScreenOn: false }).catch(() => undefined)
    }
  }, [on])
}
