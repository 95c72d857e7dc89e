/** The residents' words (src/core/glossary.ts): one name per thing, and the sentences built from them. */
import { CLAIM_STATUS_NAMES } from '../../src/core/claims'
import { ENTRY_KIND_NAMES } from '../../src/core/ledger'
import { GLOSSARY, ageCheckedAtExchange, inResidentWords, insufficientPoints, pickupPlace, pointsShort } from '../../src/core/glossary'

describe('glossary', () => {
  test('the claim statuses and the ledger name things in its words', () => {
    expect(CLAIM_STATUS_NAMES.submitted).toBe(GLOSSARY.waitingHead)
    expect(CLAIM_STATUS_NAMES.pre_approved).toBe(GLOSSARY.waitingGrid)
    expect(ENTRY_KIND_NAMES.reversal).toBe(GLOSSARY.reversal)
    for (const word of Object.values(GLOSSARY)) expect(word).not.toMatch(/初审|冲正|校验|待生效/)
  })

  test('too few points says how many are missing', () => {
    expect(pointsShort(5, 2)).toBe('还差 3 分')
    expect(pointsShort(5, 4.5)).toBe('还差 0.5 分')
    expect(pointsShort(5, 5)).toBeNull()
    expect(insufficientPoints(10, 7)).toBe('可用积分不足，还差 3 分')
  })

  test('the pickup place, the condition checked at exchange, and office words read by residents', () => {
    expect(pickupPlace('善治超市', '莲花新区1排路口')).toBe('善治超市（莲花新区1排路口）')
    expect(pickupPlace('善治超市', '')).toBe('善治超市')
    expect(ageCheckedAtExchange({ minAge: 70 })).toBe('兑换时已核对：70 岁及以上')
    expect(ageCheckedAtExchange({})).toBeNull()
    expect(inResidentWords('冲正：清扫院落（记错了人）')).toBe('撤销：清扫院落（记错了人）')
    expect(inResidentWords('这一条已冲正')).toBe('这一条已撤销')
  })
})
