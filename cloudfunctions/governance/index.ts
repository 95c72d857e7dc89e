/**
 * 治理 — the trust machinery of the seeds: month close and publicity with a digest chain, objections, the red and
 * black lists, courtyard hygiene inspections, and the audit log. The timer parts (closing on the 1st, finalising
 * after the window, suspensions ending) run in the jobs function.
 */
import { defineFunction } from '../_shared/handler'
import { audit } from './audit'
import { awardInspections, inspect, inspections } from './inspections'
import { confirm, lists, propose, revokeListing } from './lists'
import { object, objections, resolve } from './objections'
import { closeMonth, exportPublicity, publicity, verify } from './publicity'
import { dashboard, honours, partyReport } from './reports'

/** The action table: `main` serves it, and the client's types (src/api/contract.ts) are read from it. */
export const actions = {
  closeMonth,
  publicity,
  verify,
  exportPublicity,
  object,
  objections,
  resolve,
  propose,
  confirm,
  revokeListing,
  lists,
  inspect,
  inspections,
  awardInspections,
  dashboard,
  honours,
  partyReport,
  audit,
}

export const main = defineFunction('governance', actions)
