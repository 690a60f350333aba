/**
 * The demo county: its government and office, the petition bureau, ten townships and nine county
 * departments, each with a head and a liaison officer. Usernames are ASCII (pinyin), display
 * names Chinese. Every demo user also holds `staff` in their own unit.
 */
export type UnitKind = 'county' | 'office' | 'department' | 'township' | 'section';

export interface UnitSeed {
  code: string;
  name: string;
  nameEn: string;
  kind: UnitKind;
  parent?: string;
}

export interface UserSeed {
  username: string;
  displayName: string;
  displayNameEn: string;
  unit: string;
  manager?: string;
  /** [role, unit code]; the unit defaults to the user's own. */
  roles: Array<[string, string?]>;
  isAdmin?: boolean;
}

const townships: Array<[string, string, string]> = [
  ['shilizhen', '十里镇', 'Shili Town'],
  ['xianjuxiang', '仙居乡', 'Xianju Township'],
  ['beixiangdianxiang', '北向店乡', 'Beixiangdian Township'],
  ['huaidianxiang', '槐店乡', 'Huaidian Township'],
  ['hushanxiang', '斛山乡', 'Hushan Township'],
  ['zhuanqiaozhen', '砖桥镇', 'Zhuanqiao Town'],
  ['liangtingxiang', '凉亭乡', 'Liangting Township'],
  ['xianshan', '弦山办事处', 'Xianshan Sub-district Office'],
  ['zhaihezhen', '寨河镇', 'Zhaihe Town'],
  ['mafanzhen', '马畈镇', 'Mafan Town'],
];

const departments: Array<[string, string, string]> = [
  ['fagaiwei', '发改委', 'Development and Reform Commission'],
  ['kejiju', '科技局', 'Science and Technology Bureau'],
  ['minzhengju', '民政局', 'Civil Affairs Bureau'],
  ['sifaju', '司法局', 'Justice Bureau'],
  ['huanbaoju', '环保局', 'Environmental Protection Bureau'],
  ['tongjiju', '统计局', 'Statistics Bureau'],
  ['jiaotiju', '教体局', 'Education and Sports Bureau'],
  ['xumuju', '畜牧局', 'Animal Husbandry Bureau'],
  ['gongxinju', '工信局', 'Industry and Information Technology Bureau'],
];

export const demoUnits: readonly UnitSeed[] = [
  { code: 'county', name: '县人民政府', nameEn: "County People's Government", kind: 'county' },
  { code: 'office', name: '县政府办公室', nameEn: 'County Government Office', kind: 'office', parent: 'county' },
  { code: 'secretariat', name: '综合科', nameEn: 'Secretariat', kind: 'section', parent: 'office' },
  { code: 'supervision', name: '督查室', nameEn: 'Supervision Office', kind: 'section', parent: 'office' },
  { code: 'target-office', name: '目标办', nameEn: 'Target Management Office', kind: 'section', parent: 'office' },
  { code: 'info-centre', name: '网络信息中心', nameEn: 'Network Information Centre', kind: 'section', parent: 'office' },
  { code: 'petition-bureau', name: '县信访局', nameEn: 'County Petition Bureau', kind: 'department', parent: 'county' },
  ...townships.map(([code, name, nameEn]): UnitSeed => ({ code, name, nameEn, kind: 'township', parent: 'county' })),
  ...departments.map(([code, name, nameEn]): UnitSeed => ({ code, name, nameEn, kind: 'department', parent: 'county' })),
];

/** Townships report to the first deputy head, departments to the second. */
const unitHeadsAndLiaisons = (list: Array<[string, string, string]>, deputy: string): UserSeed[] =>
  list.flatMap(([code, name, nameEn]) => [
    {
      username: `${code}-head`,
      displayName: `${name}负责人`,
      displayNameEn: `Head of ${nameEn}`,
      unit: code,
      manager: deputy,
      roles: [['head'], ['handler']],
    },
    {
      username: `${code}-liaison`,
      displayName: `${name}联络员`,
      displayNameEn: `Liaison officer of ${nameEn}`,
      unit: code,
      manager: `${code}-head`,
      roles: [['liaison'], ['handler']],
    },
  ]);

export const demoUsers: readonly UserSeed[] = [
  { username: 'xianzhang', displayName: '王志强', displayNameEn: 'Wang Zhiqiang (county head)', unit: 'county', roles: [['county-head'], ['head']] },
  { username: 'fuxianzhang1', displayName: '李华', displayNameEn: 'Li Hua (deputy head)', unit: 'county', manager: 'xianzhang', roles: [['deputy-head']] },
  { username: 'fuxianzhang2', displayName: '赵敏', displayNameEn: 'Zhao Min (deputy head)', unit: 'county', manager: 'xianzhang', roles: [['deputy-head']] },
  {
    username: 'zhuren',
    displayName: '陈刚',
    displayNameEn: 'Chen Gang (office director)',
    unit: 'office',
    manager: 'fuxianzhang1',
    roles: [['office-director'], ['office-director', 'county'], ['head']],
  },
  {
    username: 'zongheke1',
    displayName: '刘洋',
    displayNameEn: 'Liu Yang (secretariat)',
    unit: 'secretariat',
    manager: 'zhuren',
    roles: [['secretariat-clerk'], ['secretariat-clerk', 'office']],
  },
  {
    username: 'zongheke2',
    displayName: '孙丽',
    displayNameEn: 'Sun Li (secretariat)',
    unit: 'secretariat',
    manager: 'zhuren',
    roles: [['secretariat-clerk'], ['secretariat-clerk', 'office']],
  },
  {
    username: 'ducha1',
    displayName: '周涛',
    displayNameEn: 'Zhou Tao (supervision)',
    unit: 'supervision',
    manager: 'zhuren',
    roles: [['supervision-officer'], ['supervision-officer', 'office']],
  },
  {
    username: 'ducha2',
    displayName: '吴静',
    displayNameEn: 'Wu Jing (supervision)',
    unit: 'supervision',
    manager: 'zhuren',
    roles: [['supervision-officer'], ['supervision-officer', 'office']],
  },
  {
    username: 'mubiao1',
    displayName: '郑凯',
    displayNameEn: 'Zheng Kai (target office)',
    unit: 'target-office',
    manager: 'zhuren',
    roles: [['target-officer'], ['target-officer', 'office']],
  },
  {
    username: 'xinxi1',
    displayName: '冯磊',
    displayNameEn: 'Feng Lei (information centre)',
    unit: 'info-centre',
    manager: 'zhuren',
    roles: [['info-centre-officer'], ['info-centre-officer', 'office']],
  },
  {
    username: 'xinfang-head',
    displayName: '黄伟',
    displayNameEn: 'Huang Wei (petition bureau head)',
    unit: 'petition-bureau',
    manager: 'fuxianzhang2',
    roles: [['head'], ['petition-reviewer']],
  },
  {
    username: 'xinfang1',
    displayName: '何芳',
    displayNameEn: 'He Fang (petition clerk)',
    unit: 'petition-bureau',
    manager: 'xinfang-head',
    roles: [['petition-clerk'], ['handler']],
  },
  {
    username: 'xinfang2',
    displayName: '高原',
    displayNameEn: 'Gao Yuan (petition clerk)',
    unit: 'petition-bureau',
    manager: 'xinfang-head',
    roles: [['petition-clerk'], ['handler']],
  },
  ...unitHeadsAndLiaisons(townships, 'fuxianzhang1'),
  ...unitHeadsAndLiaisons(departments, 'fuxianzhang2'),
];
