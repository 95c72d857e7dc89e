import { z } from 'zod'
import { action, authorise, defineFunction, type Ctx } from '../../cloudfunctions/_shared/handler'
import { DomainError } from '../../src/core/errors'

/** The platform's context for a call from `openid` (as CloudBase and the local gateway build it). */
const contextOf = (openid: string | null) => ({
  environment: JSON.stringify({ WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', ...(openid ? { WX_OPENID: openid } : {}) }),
})

const echo = defineFunction('echo', {
  whoami: action({
    input: z.object({ n: z.number().int().min(1) }),
    access: 'signedIn',
    handler: async ({ ctx, input }) => ({ openid: ctx.openid, n: input.n }),
  }),
  open: action({ input: z.object({}), access: 'anyone', handler: async ({ ctx }) => ({ openid: ctx.openid }) }),
  refuse: action({
    input: z.object({}),
    access: 'anyone',
    handler: async () => {
      throw new DomainError('POINTS.INSUFFICIENT')
    },
  }),
  crash: action({
    input: z.object({}),
    access: 'anyone',
    handler: async () => {
      throw new Error('secret internals at /srv/app.js:42')
    },
  }),
})

const buildCtx = (over: Partial<Ctx>): Ctx => ({
  openid: 'o-1',
  user: { _id: 'o-1', name: '测试', communityId: 'c', residentId: null },
  roles: [],
  db: undefined as never,
  now: () => new Date(),
  audit: () => undefined,
  ...over,
}) as Ctx

describe('the handler wrapper', () => {
  test('identity comes from the platform context, never from the event', async () => {
    const answer = await echo({ action: 'whoami', n: 2, openid: 'forged', userInfo: { openId: 'forged' } }, contextOf('real-openid'))
    expect(answer).toEqual({ ok: true, data: { openid: 'real-openid', n: 2 } })
  })

  test('an anonymous caller of a signed-in action is unauthenticated', async () => {
    expect(await echo({ action: 'whoami', n: 1 }, contextOf(null))).toMatchObject({ ok: false, code: 'AUTH.UNAUTHENTICATED' })
  })

  test('an anyone action runs for an anonymous caller', async () => {
    expect(await echo({ action: 'open' }, contextOf(null))).toEqual({ ok: true, data: { openid: null } })
  })

  test('bad input answers INPUT.INVALID naming the field, with the zod issues in details', async () => {
    const answer = await echo({ action: 'whoami', n: 'x' }, contextOf('o'))
    expect(answer).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    if (answer.ok) throw new Error('expected a refusal')
    expect(answer.message).toContain('n')
    expect((answer.details as { issues: unknown[] }).issues).toHaveLength(1)
  })

  test.each([[{ action: 'nope' }], [{}], [null], ['text'], [{ action: '__proto__' }], [{ action: 'toString' }]])(
    'an unknown action or a malformed event (%j) answers INPUT.INVALID',
    async (event) => {
      expect(await echo(event, contextOf('o'))).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    },
  )

  test('a domain refusal keeps its code and Chinese message', async () => {
    expect(await echo({ action: 'refuse' }, contextOf('o'))).toEqual({ ok: false, code: 'POINTS.INSUFFICIENT', message: '可用积分不足' })
  })

  test('a crash is logged and answered as a generic INTERNAL without the stack', async () => {
    const log = jest.spyOn(console, 'error').mockImplementation(() => {})
    const answer = await echo({ action: 'crash' }, contextOf('o'))
    expect(answer).toEqual({ ok: false, code: 'INTERNAL', message: '系统出了点问题，请稍后再试' })
    expect(JSON.stringify(answer)).not.toContain('/srv/app.js')
    expect(log).toHaveBeenCalled()
    log.mockRestore()
  })
})

describe('access rules', () => {
  test('member actions need a joined account', () => {
    expect(() => authorise('member', buildCtx({ user: null }))).toThrow(expect.objectContaining({ code: 'AUTH.UNAUTHENTICATED' }))
    expect(() => authorise('member', buildCtx({}))).not.toThrow()
  })

  test('role actions need one of the roles', () => {
    const grid = { role: 'grid' as const, nodeId: 'g' }
    expect(() => authorise(['admin'], buildCtx({ roles: [grid] }))).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN' }))
    expect(() => authorise(['admin', 'grid'], buildCtx({ roles: [grid] }))).not.toThrow()
    expect(() => authorise(['admin'], buildCtx({ openid: null, user: null }))).toThrow(expect.objectContaining({ code: 'AUTH.UNAUTHENTICATED' }))
  })
})
