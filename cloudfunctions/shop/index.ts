/**
 * 积分超市 and 商居联盟 — offers, exchanging points for vouchers, redemption codes and 核销, cancelling, merchants
 * and their clerks, and the monthly settlement. Expiry of vouchers runs in the jobs function (timer trigger).
 */
import { defineFunction } from '../_shared/handler'
import { cancel, exchange, voucher, vouchers } from './exchange'
import { clerkInvite, merchants, saveMerchant, setMerchantStatus } from './merchants'
import { offer, offers, reviewOffer, saveOffer } from './offers'
import { code, redeem } from './redeem'
import { exchangeByCard } from './counter'
import { exportSettlement, redemptions, settlement } from './settlement'

/** The action table: `main` serves it, and the client's types (src/api/contract.ts) are read from it. */
export const actions = {
  offers,
  offer,
  saveOffer,
  reviewOffer,
  exchange,
  vouchers,
  voucher,
  code,
  redeem,
  exchangeByCard,
  cancel,
  redemptions,
  settlement,
  exportSettlement,
  merchants,
  saveMerchant,
  setMerchantStatus,
  clerkInvite,
}

export const main = defineFunction('shop', actions)
