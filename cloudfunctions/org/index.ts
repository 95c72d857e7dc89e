/** 组织 — the org tree, people and roles, invites. */
import { defineFunction } from '../_shared/handler'
import { issueInvite } from './issue-invite'

export const main = defineFunction('org', { issueInvite })
