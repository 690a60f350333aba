/** The roles every installation knows (definitions refer to them by key). */
export interface RoleSeed {
  key: string;
  name: string;
  nameEn: string;
}

export const builtinRoles: readonly RoleSeed[] = [
  { key: 'admin', name: '系统管理员', nameEn: 'Administrator' },
  { key: 'county-head', name: '县长', nameEn: 'County head' },
  { key: 'deputy-head', name: '分管副县长', nameEn: 'Deputy county head in charge' },
  { key: 'office-director', name: '办公室主任', nameEn: 'Office director' },
  { key: 'secretariat-clerk', name: '综合科科员', nameEn: 'Secretariat clerk' },
  { key: 'supervision-officer', name: '督查专员', nameEn: 'Supervision officer' },
  { key: 'petition-clerk', name: '信访登记员', nameEn: 'Petition clerk' },
  { key: 'petition-reviewer', name: '信访审核员', nameEn: 'Petition reviewer' },
  { key: 'target-officer', name: '目标考核专员', nameEn: 'Target officer' },
  { key: 'info-centre-officer', name: '信息中心专员', nameEn: 'Information centre officer' },
  { key: 'head', name: '单位负责人', nameEn: 'Head of unit' },
  { key: 'liaison', name: '联络员', nameEn: 'Liaison officer' },
  { key: 'handler', name: '承办人', nameEn: 'Case handler' },
  { key: 'staff', name: '工作人员', nameEn: 'Staff member' },
];
