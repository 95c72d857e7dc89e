/** 学习 — lessons with a short quiz: members read them, the admin publishes them, a resident's first pass pays once. */
import { defineFunction } from '../_shared/handler'
import { answer } from './answer'
import { get, list, save } from './lessons'

/** The action table: `main` serves it, and the client's types (src/api/contract.ts) are read from it. */
export const actions = { list, get, save, answer }

export const main = defineFunction('learning', actions)
