/** The pure parts of content screening and subscribe messages: photo states, refusals, template data. */
import { compose, type OutboxMessage } from '../../cloudfunctions/_shared/outbox'
import { admit, type Screened } from '../../cloudfunctions/_shared/screening'
import { MESSAGES, MESSAGE_KINDS, formatValue, parseFieldKeys, templateData } from '../../src/core/notifications'
import { PHOTO_RESULT_WAIT_MS, mayShowPhoto, photoStates } from '../../src/core/screening'

const at = (iso: string) => new Date(iso)

describe('what a reviewer may know of each photo', () => {
  const sentAt = '2026-11-03T01:00:00.000Z'
  const photos = ['p1', 'p2', 'p3', 'p4', 'p5']
  const checks = [
    { fileID: 'p1', status: 'pass', createdAt: sentAt },
    { fileID: 'p2', status: 'risky', createdAt: sentAt },
    { fileID: 'p3', status: 'checking', createdAt: sentAt },
    // p4: sent again later, and passed the second time.
    { fileID: 'p4', status: 'risky', createdAt: '2026-11-01T00:00:00.000Z' },
    { fileID: 'p4', status: 'pass', createdAt: sentAt },
  ]

  test('pass, risky, waiting, newest check first, and a photo whose check never started', () => {
    const states = photoStates(photos, { photosSentAt: sentAt, uncheckedPhotos: ['p5'] }, checks, at('2026-11-03T01:05:00.000Z'))
    expect(states).toEqual(['pass', 'risky', 'checking', 'pass', 'unchecked'])
    expect(states.map(mayShowPhoto)).toEqual([true, false, false, true, true])
  })

  test('a result that never comes: after 30 minutes the photo is shown, marked unchecked', () => {
    const late = new Date(new Date(sentAt).getTime() + PHOTO_RESULT_WAIT_MS + 1000)
    expect(photoStates(['p3', 'p6'], { photosSentAt: sentAt }, checks, late)).toEqual(['unchecked', 'unchecked'])
  })

  test('a claim stored before screening existed has no states and hides nothing', () => {
    expect(photoStates(photos, undefined, checks, at(sentAt))).toEqual([null, null, null, null, null])
    expect(mayShowPhoto(null)).toBe(true)
  })
})

describe('admitting a screened write', () => {
  const screened = (over: Partial<Screened>): Screened => ({ text: { verdict: 'pass' }, photos: [], at: '2026-11-03T01:00:00.000Z', ...over })

  test('a risky text is refused with CONTENT.RISKY, naming the field', () => {
    expect(() => admit(screened({ text: { verdict: 'risky', field: '做了什么' } }))).toThrow(
      expect.objectContaining({ code: 'CONTENT.RISKY', message: expect.stringContaining('“做了什么”') }),
    )
  })

  test('a clean write keeps nothing; an unchecked or review text is marked; photos sent are dated, unstarted ones listed', () => {
    expect(admit(screened({}))).toBeUndefined()
    expect(admit(screened({ text: { verdict: 'unchecked', fields: ['姓名'] } }))).toEqual({ text: 'unchecked' })
    expect(admit(screened({ text: { verdict: 'review', fields: ['姓名'] } }))).toEqual({ text: 'review' })
    expect(
      admit(
        screened({
          photos: [
            { fileID: 'a', traceId: 't1' },
            { fileID: 'b', traceId: null },
          ],
        }),
      ),
    ).toEqual({ photosSentAt: '2026-11-03T01:00:00.000Z', uncheckedPhotos: ['b'] })
  })
})

describe('subscribe-message templates from configuration', () => {
  test('every message has facts and default keys that name only its facts (and time)', () => {
    for (const kind of MESSAGE_KINDS) {
      const { facts, keys } = MESSAGES[kind]
      expect(Object.keys(facts)).toContain('time')
      for (const fact of Object.keys(keys)) expect(Object.keys(facts)).toContain(fact)
      expect(parseFieldKeys(kind, Object.entries(keys).map(([f, k]) => `${f}:${k}`).join(','))).toEqual(keys)
    }
  })

  test('a mapping is read from "fact:key" pairs; a wrong one is refused in Chinese, naming the variable', () => {
    expect(parseFieldKeys('claim_decided', ' item:thing2 , result:phrase5,time:time1 ')).toEqual({ item: 'thing2', result: 'phrase5', time: 'time1' })
    expect(() => parseFieldKeys('claim_decided', 'item=thing2')).toThrow(/SUBSCRIBE_FIELDS_CLAIM_DECIDED/)
    expect(() => parseFieldKeys('claim_decided', 'colour:thing2')).toThrow(/不是这条消息的内容/)
    expect(() => parseFieldKeys('claim_decided', 'item:thingy')).toThrow(/不像订阅消息模板的字段/)
    expect(() => parseFieldKeys('claim_decided', ' , ')).toThrow(/是空的/)
  })

  test('values fit what each key type accepts', () => {
    expect(formatValue('thing1', '一二三四五六七八九十一二三四五六七八九十多出来的')).toBe('一二三四五六七八九十一二三四五六七八九…')
    expect([...formatValue('thing1', '一二三四五六七八九十一二三四五六七八九十多出来的')]).toHaveLength(20)
    expect(formatValue('thing1', '短')).toBe('短')
    expect(formatValue('phrase2', '退回补充')).toBe('退回补充')
    expect(formatValue('phrase2', '异议不成立了吗?')).toBe('异议不成立')
    expect(formatValue('phrase2', 'OK')).toBe('无')
    expect(formatValue('name3', '欧阳小明同志和他的家人')).toBe('欧阳小明同志和他的家')
    expect(formatValue('time4', '2026-11-03T01:05:00.000Z')).toBe('2026年11月3日 09:05')
    expect(formatValue('date5', '2026-12-31T20:00:00.000Z')).toBe('2027年1月1日')
    expect(formatValue('number6', '扣 1.5 分')).toBe('1.5')
    expect(formatValue('thing7', '  ')).toBe('无')
    expect(templateData({ item: 'thing1', note: 'thing2' }, { item: '扫雪' })).toEqual({ thing1: { value: '扫雪' }, thing2: { value: '无' } })
  })

  describe('composing a message from the outbox', () => {
    const saved = { ...process.env }
    afterEach(() => {
      process.env = { ...saved }
    })
    const message: OutboxMessage = {
      to: 'o1',
      kind: 'claim_decided',
      title: '清扫院落：已通过',
      body: '获得 1 分',
      fields: { item: '清扫院落', result: '已通过', note: '获得 1 分' },
      page: 'pages/index/index',
      status: 'pending',
      attempts: 0,
      createdAt: '2026-11-03T01:05:00.000Z',
    }

    test('the configured template and keys, or the defaults', () => {
      process.env.SUBSCRIBE_TEMPLATE_CLAIM_DECIDED = ' tmpl-1 '
      expect(compose(message)).toEqual({
        templateId: 'tmpl-1',
        data: { thing1: { value: '清扫院落' }, phrase2: { value: '已通过' }, thing3: { value: '获得 1 分' }, time4: { value: '2026年11月3日 09:05' } },
      })
      process.env.SUBSCRIBE_FIELDS_CLAIM_DECIDED = 'result:phrase1,item:thing9'
      expect(compose(message)).toEqual({ templateId: 'tmpl-1', data: { phrase1: { value: '已通过' }, thing9: { value: '清扫院落' } } })
    })

    test('no template configured, or a broken mapping: skipped, saying why', () => {
      delete process.env.SUBSCRIBE_TEMPLATE_CLAIM_DECIDED
      expect(compose(message)).toEqual({ skip: expect.stringContaining('SUBSCRIBE_TEMPLATE_CLAIM_DECIDED') })
      process.env.SUBSCRIBE_TEMPLATE_CLAIM_DECIDED = ''
      expect(compose(message)).toEqual({ skip: expect.stringContaining('没有配置') })
      process.env.SUBSCRIBE_TEMPLATE_CLAIM_DECIDED = 'tmpl-1'
      process.env.SUBSCRIBE_FIELDS_CLAIM_DECIDED = 'item-thing1'
      expect(compose(message)).toEqual({ skip: expect.stringContaining('SUBSCRIBE_FIELDS_CLAIM_DECIDED') })
      expect(compose({ ...message, kind: 'nonsense' as never })).toEqual({ skip: expect.stringContaining('未知的消息类型') })
    })

    test('a message written before facts existed reads from its title and body', () => {
      process.env.SUBSCRIBE_TEMPLATE_CLAIM_DECIDED = 'tmpl-1'
      const { fields: _ignored, ...old } = message
      expect(compose(old)).toMatchObject({ data: { thing1: { value: '清扫院落：已通过' }, phrase2: { value: '无' }, thing3: { value: '获得 1 分' } } })
    })
  })
})
