/** 组织 — the org tree, people and roles, invites, party members, the community's settings, and members' deletion requests. */
import { defineFunction } from '../_shared/handler'
import { deletionRequests, processDeletion } from './deletion'
import { issueInvite } from './issue-invite'
import { addResident, assignRole, revokeRole, saveNode } from './save'
import { setPartyMember } from './party'
import { settings, updateSettings } from './settings'
import { tree } from './tree'

export const main = defineFunction('org', { tree, saveNode, assignRole, revokeRole, addResident, issueInvite, settings, updateSettings, setPartyMember, deletionRequests, processDeletion })
