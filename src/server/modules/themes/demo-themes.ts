/**
 * Demo 一件事 themes for Zoucheng, built from the items of the demo town catalog
 * (reference-data/catalog/town-guidance.json) as an administrator would in the theme builder.
 * The shared fields map onto the items' demo forms (seed/forms.ts DEMO_FORMS).
 */
import type { ThemeDefinitionInput } from '../../../shared/themes.js';

export const DEMO_THEMES: { code: string; definition: ThemeDefinitionInput }[] = [
  {
    code: 'birth',
    definition: {
      name: '出生一件事',
      subject: 'person',
      category: 'birth',
      summary: '孩子出生后的生育登记、预防接种证、新生儿医保参保和社会保障卡申领，一张表、一套材料、一次提交，各部门并联办理、结果一并送达。',
      leadBody: '邹城市卫生健康局',
      promisedDays: 5,
      questions: [],
      items: [
        { itemCode: '37200400100001', note: '为新生儿办理生育登记' },
        { itemCode: '37200400600001', note: '领取孩子的预防接种证' },
        { itemCode: '37200300100002', note: '为新生儿参加城乡居民医保' },
        { itemCode: '37200203400001', note: '为孩子申领社会保障卡' },
      ],
      sharedFields: [],
    },
  },
];
