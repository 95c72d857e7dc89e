/** 组织 — the org tree, people and roles (moving a resident, registering one who moved away), invites, party members, the community's settings, and members' deletion requests. */
import { defineFunction } from '../_shared/handler'
import { deletionRequests, processDeletion } from './deletion'
import { issueInvite } from './issue-invite'
import { addResident, assignRole, revokeRole, saveNode } from './save'
import { setPartyMember } from './party'
import { moveResident, removeResident } from './residents'
import { settings, updateSettings } from './settings'
import { tree } from './tree'

/** The action table: `main` serves it, and the client's types (src/api/contract.ts) are read from it. */
export const actions = { tree, saveNode, assignRole, revokeRole, addResident, issueInvite, settings, updateSettings, setPartyMember, deletionRequests, processDeletion, moveResident, removeResident }

export const main = defineFunction('org', actions)
