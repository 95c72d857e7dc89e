import Taro from '@tarojs/taro'

/**
 * Subscribe-message templates (订阅消息) a resident is asked for when filing a claim, so WeChat may tell them the
 * decision (server side: outbox kind `claim_decided`, template id from env SUBSCRIBE_TEMPLATE_CLAIM_DECIDED).
 * Put the template ids of your mini-program here (公众平台 → 订阅消息); while empty, nobody is asked.
 */
export const CLAIM_SUBSCRIBE_TEMPLATE_IDS: readonly string[] = []

/**
 * Asks (weapp only) whether WeChat may notify the decision. Must run straight from a tap. Never throws, never takes
 * longer than a few seconds: a refusal, an unknown template or an old WeChat never stops the claim.
 */
export async function askClaimNotifications(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp' || CLAIM_SUBSCRIBE_TEMPLATE_IDS.length === 0) return
  try {
    const ask = Taro.requestSubscribeMessage({ tmplIds: [...CLAIM_SUBSCRIBE_TEMPLATE_IDS] } as unknown as Taro.requestSubscribeMessage.Option)
    await Promise.race([ask.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 15_000))])
  } catch {
    // an older base library, or no permission: go on without notifications
  }
}
