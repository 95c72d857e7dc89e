import { useEffect, useRef, useState } from 'react'
import { CODE_VALID_SECONDS } from '@core/shop'
import { ApiError, api, type RedemptionCode } from '../../api'

/** A new code this long before the old one expires, so a clerk who scans at the last moment still redeems in time. */
const EARLY_MS = 10_000
const RETRY_MS = 5_000

export interface LiveCode {
  code: RedemptionCode | null
  /** When the code on screen stops being good, by this phone's clock (null: none yet). */
  expiresAt: number | null
  /** When the next one will be asked for. */
  refreshAt: number | null
  /** The last attempt failed (the one on screen, if any, is still good until `expiresAt`). */
  error: ApiError | null
}

/**
 * The redemption code of an unused voucher while `active` (the page shows): asked for at once, again a little before it
 * expires, again when the page shows again, and never while hidden. The phone's clock may be off from the server's, so
 * the code's life is measured from when it arrived, capped at CODE_VALID_SECONDS.
 */
export function useLiveCode(voucherId: string, active: boolean, onRefused: (error: ApiError) => void): LiveCode {
  const [live, setLive] = useState<LiveCode>({ code: null, expiresAt: null, refreshAt: null, error: null })
  const refused = useRef(onRefused)
  refused.current = onRefused

  useEffect(() => {
    if (!active) return
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const fetch = async () => {
      try {
        const code = await api.shop.code({ voucherId }, { silent: true })
        if (stopped) return
        const arrived = Date.now()
        const life = Math.min(Math.max(Date.parse(code.expiresAt) - arrived, EARLY_MS + RETRY_MS), CODE_VALID_SECONDS * 1000)
        const refreshAt = arrived + life - EARLY_MS
        setLive({ code, expiresAt: arrived + life, refreshAt, error: null })
        timer = setTimeout(() => void fetch(), refreshAt - arrived)
      } catch (e) {
        if (stopped) return
        const error = e instanceof ApiError ? e : new ApiError('INTERNAL')
        setLive((l) => ({ ...l, refreshAt: Date.now() + RETRY_MS, error }))
        // Not the network: the voucher itself changed (used, returned, expired); the page finds out what, and asks less often.
        const refusedNow = error.code !== 'NETWORK.FAILED' && error.code !== 'INTERNAL'
        if (refusedNow) refused.current(error)
        timer = setTimeout(() => void fetch(), refusedNow ? RETRY_MS * 3 : RETRY_MS)
      }
    }
    void fetch()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [voucherId, active])

  return live
}
