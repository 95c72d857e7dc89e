import Taro from '@tarojs/taro'
import type { MessageKind } from '@core/notifications'

/**
 * Subscribe messages (订阅消息): WeChat delivers one only to someone who said yes to its template, once per yes. So the
 * app asks at the moments that lead to a message: a resident filing a claim (its decision; a listing), a reviewer
 * deciding one (the next claim to review). The template ids are set at build time, TARO_APP_TEMPLATE_<KIND>
 * (config/index.ts), the same ids the functions send with (SUBSCRIBE_TEMPLATE_<KIND>): see docs/subscribe-messages.md.
 * A kind without an id is never asked for.
 */
const TEMPLATES: Partial<Record<MessageKind, string>> = typeof SUBSCRIBE_TEMPLATES === 'undefined' ? {} : SUBSCRIBE_TEMPLATES

const idsOf = (kinds: readonly MessageKind[]) => [...new Set(kinds.map((k) => TEMPLATES[k] ?? '').filter(Boolean))]

/** What a resident is asked for when filing a claim: its decision, and a red or black listing. */
export const CLAIM_SUBSCRIBE_TEMPLATE_IDS: readonly string[] = idsOf(['claim_decided', 'listing'])
/** What a reviewer is asked for when deciding: the next claim waiting for them. */
export const REVIEW_SUBSCRIBE_TEMPLATE_IDS: readonly string[] = idsOf(['claim_to_review'])
/** What a resident is asked for when signing up for an activity: the reminder before it starts. */
export const ACTIVITY_SUBSCRIBE_TEMPLATE_IDS: readonly string[] = idsOf(['activity_reminder'])

/**
 * Asks (weapp only) whether WeChat may send these. Must run straight from a tap. Never throws, never takes longer than
 * a few seconds: a refusal, an unknown template or an old WeChat never stops what the person was doing.
 */
async function ask(tmplIds: readonly string[]): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp' || tmplIds.length === 0) return
  try {
    // At most three templates per request (WeChat's rule).
    const request = Taro.requestSubscribeMessage({ tmplIds: tmplIds.slice(0, 3) } as unknown as Taro.requestSubscribeMessage.Option)
    await Promise.race([request.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 15_000))])
  } catch {
    // an older base library, or no permission: go on without notifications
  }
}

/** A resident filing a claim: may WeChat tell them the decision? */
export function askClaimNotifications(): Promise<void> {
  return ask(CLAIM_SUBSCRIBE_TEMPLATE_IDS)
}

/**
 * A head or grid worker deciding a claim: may WeChat tell them of the next one? Each yes allows one message, so asking
 * at every decision keeps new claims reaching them.
 */
export function askReviewNotifications(): Promise<void> {
  return ask(REVIEW_SUBSCRIBE_TEMPLATE_IDS)
}

/** A resident signing up for an activity: may WeChat remind them before it starts (TARO_APP_TEMPLATE_ACTIVITY_REMINDER)? */
export function askActivityReminder(): Promise<void> {
  return ask(ACTIVITY_SUBSCRIBE_TEMPLATE_IDS)
}
