/**
 * 业务主管部门 of the demonstration catalog, each with the 2-digit code used in 基本编码
 * (主项 = 2-digit department + 3-digit sequence), a default consultation line and the
 * town office that usually handles its items. Phones are demonstration defaults: national
 * service hotlines (12333, 12393, 12348 …) where the department has one, otherwise a
 * 0537-5xxxxxx line; each town replaces them in its 实施清单.
 */
import type { DepartmentDef } from './model.js';

const dept = (code: string, name: string, consultPhone: string, townOrg: string, power: DepartmentDef['power'] = '2'): DepartmentDef => ({
  code, name, consultPhone, townOrg, power,
});

export const D = {
  civil: dept('01', '邹城市民政局', '0537-5221370', '{town}社会事务办公室'),
  hrss: dept('02', '邹城市人力资源和社会保障局', '0537-12333', '{town}人力资源和社会保障服务所', '5'),
  medicare: dept('03', '邹城市医疗保障局', '0537-12393', '{town}医疗保障工作站', '5'),
  health: dept('04', '邹城市卫生健康局', '0537-5212530', '{town}卫生健康办公室', '5'),
  agri: dept('05', '邹城市农业农村局', '0537-5213472', '{town}农业综合服务中心'),
  land: dept('06', '邹城市自然资源和规划局', '0537-5216059', '{town}规划建设办公室'),
  housing: dept('07', '邹城市住房和城乡建设局', '0537-5224311', '{town}规划建设办公室'),
  veterans: dept('08', '邹城市退役军人事务局', '0537-5338617', '{town}退役军人服务站'),
  disabled: dept('09', '邹城市残疾人联合会', '0537-12385', '{town}残疾人联合会', '5'),
  justice: dept('10', '邹城市司法局', '0537-12348', '{town}司法所', '5'),
  market: dept('11', '邹城市市场监督管理局', '0537-12315', '{town}市场监督管理所', '5'),
  police: dept('12', '邹城市公安局', '0537-5218612', '{town}为民服务中心（公安服务窗口）', '5'),
  emergency: dept('13', '邹城市应急管理局', '0537-5227301', '{town}应急管理办公室'),
  enforcement: dept('14', '邹城市综合行政执法局', '0537-5330812', '{town}综合行政执法队'),
  ecology: dept('15', '济宁市生态环境局邹城市分局', '0537-5253369', '{town}综合行政执法队'),
  transport: dept('16', '邹城市交通运输局', '0537-5213670', '{town}综合行政执法队'),
  water: dept('17', '邹城市水务局', '0537-5212706', '{town}综合行政执法队'),
  education: dept('18', '邹城市教育和体育局', '0537-5213142', '{town}社会事务办公室'),
  culture: dept('19', '邹城市文化和旅游局', '0537-5216830', '{town}综合文化站', '5'),
  military: dept('20', '邹城市人民武装部', '0537-5213206', '{town}人民武装部', '5'),
  union: dept('21', '邹城市总工会', '0537-12351', '{town}总工会', '5'),
  women: dept('22', '邹城市妇女联合会', '0537-12338', '{town}妇女联合会', '5'),
  petition: dept('23', '邹城市信访局', '0537-5220126', '{town}信访办公室', '1'),
  tax: dept('24', '国家税务总局邹城市税务局', '0537-12366', '{town}为民服务中心（税费服务窗口）', '5'),
  redCross: dept('25', '邹城市红十字会', '0537-5213785', '{town}红十字会', '5'),
} satisfies Record<string, DepartmentDef>;

export type DepartmentKey = keyof typeof D;
