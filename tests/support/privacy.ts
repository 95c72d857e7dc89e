/**
 * The privacy sheet (用户隐私保护指引) asks before the first photo or scan. A test that is not about it agrees in advance,
 * as a person who agreed yesterday would have: the answer is stored the way the h5 build stores it (Taro's storage, see
 * presetTaroStorage). tests/e2e/privacy.e2e.test.ts is the one that meets the sheet.
 */
import type { BrowserContext } from 'playwright-core'
import { PRIVACY_STORAGE_KEY } from '../../src/core/privacy'
import { presetTaroStorage } from './e2e'

export async function agreedToPrivacy(context: BrowserContext): Promise<void> {
  await presetTaroStorage(context, PRIVACY_STORAGE_KEY, 'agree')
}
