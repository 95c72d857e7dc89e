/** The inputs of the cards function (积分卡) and of shop.exchangeByCard. */
import { z } from 'zod'
import { idInput, requestIdInput } from './inputs'
import { isPin } from './cards'

export const tokenInput = z.string().trim().min(1, '请扫卡或读卡').max(200, '这不是积分卡')
export const pinInput = z.string().trim().refine(isPin, '密码是 4 位数字')

export const getInput = z.object({ residentId: idInput })
export const issueInput = z.object({ residentId: idInput })
export const setPinInput = z.object({ residentId: idInput, pin: pinInput })
export const revokeInput = z.object({ residentId: idInput })
export const lookupInput = z.object({ token: tokenInput })
/** The printable sheet: the cards of one courtyard, or of the residents named. */
export const sheetInput = z.object({ courtyardId: idInput.optional(), residentIds: z.array(idInput).max(100).optional() }).refine((i) => !!i.courtyardId || !!i.residentIds?.length, { message: '请选择院落或居民', path: ['courtyardId'] })

/** 柜台兑换: the clerk (or the admin) exchanges an offer for the card's holder, who says their PIN. */
export const exchangeByCardInput = z.object({ token: tokenInput, pin: pinInput, offerId: idInput, requestId: requestIdInput })
