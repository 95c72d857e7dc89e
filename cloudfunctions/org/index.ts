/** 组织 — the org tree, people and roles, invites, party members, and the community's settings. */
import { defineFunction } from '../_shared/handler'
import { issueInvite } from './issue-invite'
import { addResident, assignRole, revokeRole, saveNode } from './save'
import { setPartyMember } from './party'
import { settings, updateSettings } from './settings'
import { tree } from './tree'

export const main = defineFunction('org', { tree, saveNode, assignRole, revokeRole, addResident, issueInvite, settings, updateSettings, setPartyMember })
