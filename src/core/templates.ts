/**
 * Rule catalogue templates (积分细则模板): what a new community starts from, before its admin edits it. One list for
 * the demo seed (昌宁社区) and for `npm run setup -- --template <名称>`, so the two never drift apart.
 * Each category and item has a `key`: the demo seed uses it as the document id (tests rely on ids like
 * rule-clean-yard); a community made by setup gets random ids instead, unique across communities.
 */
import { z } from 'zod'
import { shortLabel } from './inputs'
import type { RulePurpose } from './rules'

/** [key, name, points (decimal, at most one place), photos required, cap per resident per month (0: none)] */
export type TemplateItem = readonly [key: string, name: string, points: number, photosRequired: boolean, capPerMonth: number]

export interface TemplateCategory {
  key: string
  name: string
  items: readonly TemplateItem[]
}

export interface RuleTemplate {
  /** Where it comes from, as setup prints it. */
  description: string
  categories: readonly TemplateCategory[]
}

/** 昌宁社区 (离石区) : five categories, items and values from the seed reports (Changning, Altay's 5/10/15 gradient, Fulu's 0.5/1). */
const FIVE_CATEGORIES: RuleTemplate = {
  description: '昌宁社区的五大类：人居环境、小区建设、爱心公益、社会综治、其他',
  categories: [
    {
      key: 'cat-env',
      name: '人居环境',
      items: [
        ['rule-clean-yard', '清扫院落及门前卫生', 1, true, 8],
        ['rule-garbage-sort', '垃圾分类投放', 0.5, true, 10],
        ['rule-clear-clutter', '清理楼道、院内杂物', 2, true, 4],
      ],
    },
    {
      key: 'cat-build',
      name: '小区建设',
      items: [
        ['rule-suggestion', '建言献策被采纳', 1, false, 3],
        ['rule-repair', '参与小区设施维修', 2, true, 4],
        ['rule-meeting', '参加居民说事议事会', 1, true, 2],
      ],
    },
    {
      key: 'cat-charity',
      name: '爱心公益',
      items: [
        ['rule-volunteer', '参加一次志愿服务活动', 1, true, 8],
        ['rule-donate', '捐赠物资', 5, true, 2],
        ['rule-help-elder', '帮扶孤寡老人（救助帮困）', 10, true, 2],
        ['rule-micro-wish', '认领并完成“微心愿”', 5, true, 2],
      ],
    },
    {
      key: 'cat-safety',
      name: '社会综治',
      items: [
        ['rule-mediate', '调解邻里纠纷', 5, false, 2],
        ['rule-report-hazard', '发现并报告安全隐患', 2, true, 4],
        ['rule-brave', '见义勇为', 15, true, 1],
        ['rule-protect-kids', '护苗行动（护学岗）', 5, true, 4],
      ],
    },
    {
      key: 'cat-other',
      name: '其他',
      items: [
        ['rule-party-life', '党员按时参加组织生活', 0.5, false, 1],
        ['rule-training', '参加教育培训', 1, true, 4],
        ['rule-online-share', '线上分享社区活动', 0.5, false, 4],
        ['rule-college', '培养一名本科以上学历大学生', 1, false, 1],
      ],
    },
  ],
}

/**
 * 福禄镇 (璧山区, seed report 004): 基础类 (村规民约：爱国爱党、遵纪守法、道德文明) and 贡献类 (公益活动、共建共治、
 * 模范表彰、人才培养…). Only the earning items are here: the report's deductions (上黑榜扣分 and the 村规民约 breaches)
 * belong to the deduction rules of another issue. The report gives four values (组织生活 0.5, 志愿活动 1, 建言献策 1,
 * 大学生 1); the others are starting values on the same scale, for the admin to set.
 */
const BASIC_AND_CONTRIBUTION: RuleTemplate = {
  description: '福禄镇的两类：基础类（村规民约）、贡献类',
  categories: [
    {
      key: 'cat-basic',
      name: '基础类',
      items: [
        ['rule-party-life', '党员每月按时参加组织生活', 0.5, false, 1],
        ['rule-tidy-home', '房前屋后卫生整洁', 1, true, 1],
        ['rule-filial', '孝老爱亲、邻里和睦', 1, false, 1],
      ],
    },
    {
      key: 'cat-contribution',
      name: '贡献类',
      items: [
        ['rule-volunteer', '参加一次志愿活动', 1, true, 8],
        ['rule-suggestion', '向村集体建言献策被采纳', 1, false, 3],
        ['rule-meeting', '参加院坝会、村民代表大会', 0.5, true, 2],
        ['rule-help-neighbour', '邻里互帮互助（农忙代工等）', 1, true, 4],
        ['rule-brave', '见义勇为（如扑救火情）', 15, true, 1],
        ['rule-model-family', '获评“最美家庭”等表彰', 5, false, 1],
        ['rule-college', '培养一名本科以上学历大学生', 1, false, 1],
      ],
    },
  ],
}

/** The template items that carry a 说事 loop's sign (src/core/rules.ts RULE_PURPOSES), by key. */
export const PURPOSE_OF_KEY: Readonly<Record<string, RulePurpose>> = { 'rule-suggestion': 'suggestion', 'rule-micro-wish': 'wish', 'rule-report-hazard': 'hazard' }

export const RULE_TEMPLATES = {
  五大类: FIVE_CATEGORIES,
  基础贡献: BASIC_AND_CONTRIBUTION,
} as const satisfies Record<string, RuleTemplate>

export type TemplateName = keyof typeof RULE_TEMPLATES
export const TEMPLATE_NAMES = Object.keys(RULE_TEMPLATES) as TemplateName[]
export const DEFAULT_TEMPLATE: TemplateName = '五大类'

export const isTemplateName = (name: string): name is TemplateName => Object.prototype.hasOwnProperty.call(RULE_TEMPLATES, name)

/** What `npm run setup` takes for a new community: its name (as the org tree names nodes) and a template. */
export const communitySetupInput = z.object({
  name: shortLabel('社区名称', 30, { minMessage: '社区名称至少两个字', maxMessage: '社区名称不超过 30 个字' }),
  template: z.enum(TEMPLATE_NAMES as [TemplateName, ...TemplateName[]], { message: `积分细则模板只有：${TEMPLATE_NAMES.join('、')}` }).default(DEFAULT_TEMPLATE),
})
export type CommunitySetupInput = z.input<typeof communitySetupInput>
